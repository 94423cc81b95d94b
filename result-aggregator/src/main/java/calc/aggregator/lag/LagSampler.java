package calc.aggregator.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples the total lag of each configured group at a fixed interval into the {@link LagHistory},
 * on one background thread, from the application's start to its stop. A failed read skips that
 * sample only: the first failure of a streak is logged as a warning, the rest at debug, so an
 * unreachable broker does not flood the log.
 */
public final class LagSampler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LagSampler.class);

    private final GroupLagReader reader;
    private final LagHistory history;
    private final List<String> groups;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private boolean failing;

    public LagSampler(GroupLagReader reader, LagHistory history, List<String> groups, Duration interval, Clock clock) {
        this.reader = reader;
        this.history = history;
        this.groups = List.copyOf(groups);
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lag-sampler");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sampleAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The lag sampler did not stop within 10 s");
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

    private void sampleAll() {
        for (String group : groups) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            sample(group);
        }
    }

    private void sample(String group) {
        Instant at = clock.instant();
        try {
            reader.totalLag(group).ifPresent(lag -> history.record(group, new LagSample(at, lag)));
            if (failing) {
                log.info("Reading consumer group lag works again");
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            if (!failing) {
                log.warn("Could not read the lag of group {}; skipping samples until it works again: {}", group,
                        e.toString());
                failing = true;
            } else {
                log.debug("Could not read the lag of group {}", group, e);
            }
        }
    }
}
