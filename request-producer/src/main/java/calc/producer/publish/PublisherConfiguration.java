package calc.producer.publish;

import calc.contract.KafkaConnection;
import calc.contract.TopicCreator;
import calc.contract.Topics;
import calc.producer.ProducerSettings;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one Kafka producer of the process, created after the contract's topics are ensured to exist. */
@Configuration(proxyBeanMethods = false)
public class PublisherConfiguration {

    @Bean
    RequestPublisher requestPublisher(KafkaConnection kafka, Topics topics, ProducerSettings settings) {
        TopicCreator.createMissing(kafka, topics);
        return new RequestPublisher(new KafkaProducer<>(producerConfig(kafka, settings),
                new StringSerializer(), new ByteArraySerializer()), topics, settings.sendTimeout());
    }

    @Bean
    KafkaClientMetrics requestPublisherMetrics(RequestPublisher publisher) {
        return publisher.metrics();
    }

    static Map<String, Object> producerConfig(KafkaConnection kafka, ProducerSettings settings) {
        Map<String, Object> config = kafka.clientConfig();
        // A request is accepted only once every in-sync replica has it, and a retried send never duplicates it.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) settings.batchSize().toBytes());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A REST caller waits at most send-timeout; send() must not block it longer for metadata or buffer space.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.sendTimeout().toMillis());
        return config;
    }
}
