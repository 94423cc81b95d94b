package calc.producer.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts sends and their outcomes; every one of the {@code count} requests ends exactly once,
 * acknowledged or failed, and {@link #awaitAllCompleted()} returns when all have.
 */
final class LoadCounters {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final CountDownLatch outstanding;

    LoadCounters(long count) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " requests per run");
        }
        this.outstanding = new CountDownLatch((int) count);
    }

    void sent() {
        sent.incrementAndGet();
    }

    void acknowledged() {
        acknowledged.incrementAndGet();
        outstanding.countDown();
    }

    void failed(Throwable error) {
        firstFailure.compareAndSet(null, error);
        failed.incrementAndGet();
        outstanding.countDown();
    }

    void awaitAllCompleted() throws InterruptedException {
        outstanding.await();
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }

    Progress snapshot() {
        return new Progress(sent.get(), acknowledged.get(), failed.get());
    }
}
