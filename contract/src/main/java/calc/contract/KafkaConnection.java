package calc.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is: {@code calc.kafka.bootstrap-servers}, the one key every calc service reads it
 * from. Bound here once, so that no service can give it another name or default.
 */
@ConfigurationProperties("calc.kafka")
public record KafkaConnection(@DefaultValue("127.0.0.1:9092") String bootstrapServers) {
    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("calc.kafka.bootstrap-servers must name at least one broker");
        }
    }
}
