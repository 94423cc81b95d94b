package calc.aggregator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where Kafka is: {@code calc.kafka.bootstrap-servers}, the key every calc service shares. */
@ConfigurationProperties("calc.kafka")
public record KafkaConnection(@DefaultValue("127.0.0.1:9092") String bootstrapServers) {
}
