package calc.aggregator;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Commits offsets for a consumer group the way a worker would: as a member of the group (KIP-848 protocol). */
final class GroupOffsets {
    private GroupOffsets() {
    }

    /** Joins {@code group}, waits for every partition of {@code topic}, commits offset 0 on each once, and leaves. */
    static void commitStart(String bootstrapServers, String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int partitions = consumer.partitionsFor(topic).size();
            await("assignment of " + topic).atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        // The assignment only arrives through poll; records polled here are never committed.
                        consumer.poll(Duration.ofMillis(100));
                        return consumer.assignment().size() == partitions;
                    });
            consumer.commitSync(consumer.assignment().stream()
                    .collect(Collectors.toMap(Function.<TopicPartition>identity(), p -> new OffsetAndMetadata(0))));
        }
    }
}
