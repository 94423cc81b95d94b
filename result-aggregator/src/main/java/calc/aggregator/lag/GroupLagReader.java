package calc.aggregator.lag;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Reads a consumer group's total lag with the Admin client: over every partition the group has
 * committed an offset for, the partition's latest offset (high watermark, whatever the readers'
 * isolation level) minus the committed offset. Partitions without a committed offset are left
 * out, as {@code kafka-consumer-groups --describe} shows no lag for them either.
 */
public final class GroupLagReader implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final Admin admin;

    public GroupLagReader(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "result-aggregator-lag",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    /** The group's total lag; empty when the group has no committed offset (or does not exist). */
    public OptionalLong totalLag(String group) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return OptionalLong.empty();
            }
            throw e;
        }
        Map<TopicPartition, Long> offsets = committed.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        if (offsets.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(offsets.keySet().stream()
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return OptionalLong.of(offsets.entrySet().stream()
                .mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue()))
                .sum());
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
