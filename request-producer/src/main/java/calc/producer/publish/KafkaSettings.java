package calc.producer.publish;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where Kafka is (prefix {@code calc.kafka}, shared by every calc service). */
@ConfigurationProperties("calc.kafka")
public record KafkaSettings(@DefaultValue("127.0.0.1:9092") String bootstrapServers) {
}
