package calc.aggregator.state;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP only while Kafka Streams is RUNNING: while it starts, rebalances or restores, its stores
 * cannot answer, so the instance is not ready for traffic. Part of the readiness group.
 */
public class StreamsHealthIndicator implements HealthIndicator {
    private final Supplier<KafkaStreams.State> state;

    public StreamsHealthIndicator(Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    @Override
    public Health health() {
        KafkaStreams.State now = state.get();
        Health.Builder health = now == KafkaStreams.State.RUNNING ? Health.up() : Health.outOfService();
        return health.withDetail("state", now.name()).build();
    }
}
