package calc.producer.load;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces sends evenly at {@code rate} per second from {@code startNanos}: send i is due at
 * start + i / rate. The schedule is absolute, so a late send does not shift the ones after it
 * (the sender catches up instead of drifting). Rate 0 means no pacing.
 */
public record Pacer(double rate, long startNanos) {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    public Pacer {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be finite and >= 0, got " + rate);
        }
    }

    /** When send {@code index} (from 0) is due, in nanoTime terms. */
    public long dueNanos(long index) {
        return rate == 0 ? startNanos : startNanos + Math.round(index * NANOS_PER_SECOND / rate);
    }

    /** How long to wait at {@code nowNanos} before send {@code index}; 0 when it is due. */
    public long delayNanos(long index, long nowNanos) {
        return Math.max(0, dueNanos(index) - nowNanos);
    }

    /** Parks until send {@code index} is due; false if the thread was interrupted meanwhile. */
    public boolean awaitTurn(long index, LongSupplier nanoTime) {
        long delay;
        while ((delay = delayNanos(index, nanoTime.getAsLong())) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(delay);
        }
        return !Thread.currentThread().isInterrupted();
    }
}
