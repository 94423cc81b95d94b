package calc.worker;

import calc.contract.KafkaConnection;
import calc.contract.MemberName;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of one worker instance, configured for read-process-write: a consumer that
 * never commits by itself and an idempotent producer, transactional for exactly-once delivery.
 */
record WorkerClients(KafkaConnection kafka, String group, WorkerIdentity identity, WorkerProperties settings) {

    KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        // The lag monitor reads instance and version from the client.id (MemberName's convention).
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, MemberName.of(identity.instance(), identity.version()).clientId());
        // Offsets are committed only by the loop, with or after the results (Delivery).
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = kafka.clientConfig();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, identity.instance() + "-producer");
        if (settings.delivery().transactional()) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, identity.instance());
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
        }
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A refused record goes to the dead letters whole, with headers on top of the broker's record limit.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.DEAD_LETTER_MAX_BYTES);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
