package calc.aggregator.lag;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link LagEngine} at its interval on one background thread, from the application's
 * start to its stop. A failed refresh is skipped (the last snapshot stays): the first failure of
 * a streak is logged as a warning, the rest at debug, so an unreachable broker does not flood the log.
 */
public final class LagRefresher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LagRefresher.class);

    private final LagEngine engine;
    private ScheduledExecutorService executor;
    private boolean failing;

    public LagRefresher(LagEngine engine) {
        this.engine = engine;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lag-engine");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, 0, engine.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The lag engine did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Catches everything: a scheduled task that throws is never run again. */
    private void refresh() {
        try {
            engine.refresh();
            if (failing) {
                log.info("Reading consumer group lag works again");
                failing = false;
            }
        } catch (InterruptedException | InterruptException e) {
            // Stopping: shutdownNow interrupts the refresh under way.
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            if (!failing) {
                log.warn("Could not read consumer group lag; retrying every {}: {}", engine.interval(), e.toString());
                failing = true;
            } else {
                log.debug("Could not read consumer group lag", e);
            }
        } catch (RuntimeException e) {
            log.error("A lag refresh failed; the next one runs in {}", engine.interval(), e);
        }
    }
}
