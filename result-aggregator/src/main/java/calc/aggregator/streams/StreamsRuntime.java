package calc.aggregator.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the KafkaStreams instance: starts it with the application context (the topics exist by
 * then: the topology needed their partition counts) and closes it (leaving the group, so its
 * partitions move at once) when the context closes. A stream thread that dies shuts the client
 * down and marks the application's liveness broken, so that an orchestrator restarts it.
 */
public class StreamsRuntime implements SmartLifecycle, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Topology topology;
    private final KafkaStreams streams;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final CleanShutdown shutdown;
    private KafkaStreamsMetrics metrics;
    private volatile boolean running;
    private final AtomicBoolean closed = new AtomicBoolean();

    public StreamsRuntime(Topology topology, Properties settings, ApplicationEventPublisher events,
            MeterRegistry meters) {
        this.topology = topology;
        this.streams = new KafkaStreams(topology, settings);
        this.events = events;
        this.meters = meters;
        Path stateDir = Path.of(settings.getProperty(StreamsConfig.STATE_DIR_CONFIG));
        this.shutdown = new CleanShutdown(stateDir, stateDir.resolve(settings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
    }

    @Override
    public void start() {
        streams.setStateListener((now, before) -> onStateChange(now));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; shutting the aggregator's Streams client down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        if (meters != null) {
            metrics = new KafkaStreamsMetrics(streams);
            metrics.bindTo(meters);
        }
        if (shutdown.stateNeedsRebuilding()) {
            log.warn("The last run did not close cleanly: its local state is rebuilt from the changelogs");
            streams.cleanUp();
        }
        shutdown.running();
        streams.start();
        running = true;
    }

    private void onStateChange(KafkaStreams.State now) {
        log.info("Kafka Streams is {}", now);
        if (now == KafkaStreams.State.ERROR) {
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    @Override
    public void stop() {
        close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        close();
    }

    private void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (metrics != null) {
            metrics.close();
        }
        if (streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT))
                && streams.state() == KafkaStreams.State.NOT_RUNNING) {
            shutdown.closedCleanly();
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Streams client, for queries; only while it is RUNNING. */
    public KafkaStreams whenRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StreamsUnavailableException(state);
        }
        return streams;
    }

    public Topology topology() {
        return topology;
    }
}
