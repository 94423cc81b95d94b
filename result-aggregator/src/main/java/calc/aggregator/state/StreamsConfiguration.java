package calc.aggregator.state;

import calc.aggregator.AggregatorProperties;
import calc.aggregator.SelfAddress;
import calc.contract.KafkaConnection;
import calc.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsCustomizer;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/**
 * Wires the topology into Spring Kafka's {@link StreamsBuilderFactoryBean}, which starts Kafka
 * Streams with the application context (the topics exist by then: the topology needed their
 * partition counts) and closes it when the context closes, leaving the group so that its
 * partitions move at once. A run that did not close cleanly starts from its changelogs
 * ({@link CleanShutdown}). A stream thread that dies shuts the client down and marks the
 * application's liveness broken, so that an orchestrator restarts it.
 */
@Configuration(proxyBeanMethods = false)
public class StreamsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StreamsConfiguration.class);
    private static final int CLOSE_TIMEOUT_SECONDS = 30;

    /** The topology is routed on the topics' real partition counts, so the topics must exist first. */
    @Bean
    PartitionLayout partitionLayout(KafkaConnection kafka, Topics topics, AggregatorProperties aggregator) {
        return PartitionCounts.prepare(kafka, topics, aggregator.applicationId());
    }

    @Bean
    StreamsBuilderFactoryBean aggregatorStreams(KafkaConnection kafka, AggregatorProperties aggregator, Topics topics,
            PartitionLayout layout, SelfAddress self, ApplicationEventPublisher events, ObjectProvider<MeterRegistry> meters) {
        var settings = StreamsSettings.of(kafka, aggregator, topics);
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(settings));
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                AggregatorTopology.build(builder, topics, layout, new Retention(aggregator.retention(), aggregator.retentionCheckInterval()));
            }
        });
        Path stateDir = Path.of((String) settings.get(StreamsConfig.STATE_DIR_CONFIG));
        CleanShutdown shutdown = new CleanShutdown(stateDir, stateDir.resolve(aggregator.applicationId()));
        factory.setKafkaStreamsCustomizer(new KafkaStreamsCustomizer() {
            /** The web server has started by now: where it listens is where the other instances ask this one. */
            @Override
            public KafkaStreams initKafkaStreams(Topology topology, Properties properties, KafkaClientSupplier clients) {
                properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.hostAndPort());
                return new KafkaStreams(topology, properties, clients);
            }

            @Override
            public void customize(KafkaStreams streams) {
                if (shutdown.stateNeedsRebuilding()) {
                    log.warn("The last run did not close cleanly: its local state is rebuilt from the changelogs");
                    streams.cleanUp();
                }
                shutdown.running();
            }
        });
        factory.addListener(new StreamsBuilderFactoryBean.Listener() {
            @Override
            public void streamsRemoved(String id, KafkaStreams streams) {
                if (streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    shutdown.closedCleanly();
                }
            }
        });
        factory.setStreamsUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; shutting the aggregator's Streams client down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        factory.setStateListener((now, before) -> {
            log.info("Kafka Streams is {}", now);
            if (now == KafkaStreams.State.ERROR) {
                AvailabilityChangeEvent.publish(events, factory, LivenessState.BROKEN);
            }
        });
        factory.setCloseTimeout(CLOSE_TIMEOUT_SECONDS);
        factory.setLeaveGroupOnClose(true);
        meters.ifAvailable(registry -> factory.addListener(new KafkaStreamsMicrometerListener(registry)));
        return factory;
    }

    @Bean
    StreamsRuntime streamsRuntime(StreamsBuilderFactoryBean aggregatorStreams) {
        return new StreamsRuntime(aggregatorStreams);
    }

    @Bean
    KafkaStreamsInteractiveQueryService interactiveQueries(StreamsBuilderFactoryBean aggregatorStreams) {
        return new KafkaStreamsInteractiveQueryService(aggregatorStreams);
    }

    @Bean
    LocalStores localStores(StreamsRuntime runtime, PartitionLayout layout) {
        return new LocalStores(runtime, layout);
    }

    /** Named so that the health contributor is called "streams". */
    @Bean
    StreamsHealthIndicator streamsHealthIndicator(StreamsRuntime runtime) {
        return new StreamsHealthIndicator(runtime::state);
    }
}
