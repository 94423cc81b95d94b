package calc.aggregator.state;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The aggregator's Kafka Streams client as the queries see it: its state, and the client itself
 * only while it is RUNNING (while it starts, rebalances or restores, its stores cannot answer).
 * Spring Kafka's {@link StreamsBuilderFactoryBean} owns its lifecycle.
 */
public class StreamsRuntime {
    private final StreamsBuilderFactoryBean factory;

    public StreamsRuntime(StreamsBuilderFactoryBean factory) {
        this.factory = factory;
    }

    public KafkaStreams.State state() {
        return Optional.ofNullable(factory.getKafkaStreams()).map(KafkaStreams::state)
                .orElse(KafkaStreams.State.CREATED);
    }

    /** The Streams client, for queries; only while it is RUNNING. */
    public KafkaStreams whenRunning() {
        KafkaStreams streams = factory.getKafkaStreams();
        KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StreamsUnavailableException(state);
        }
        return streams;
    }

    public Topology topology() {
        return factory.getTopology();
    }
}
