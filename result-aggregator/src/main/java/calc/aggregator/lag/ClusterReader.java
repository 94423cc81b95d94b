package calc.aggregator.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the cluster, with three Admin requests for all groups together, what a lag refresh needs:
 * each group's description and committed offsets, and the last stable offset of every partition
 * a group has committed or holds; with a fourth, the log start offset of every partition a group
 * holds without having committed it, if any. A group that does not exist reads as {@code DEAD} with nothing in
 * it; a partition of a deleted topic is left out of the offsets.
 */
final class ClusterReader implements LagEngine.Cluster {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One group as the coordinator describes it. */
    record GroupView(String group, String state, String protocol, List<MemberDescription> members,
            Map<TopicPartition, Long> committed) {

        Set<TopicPartition> partitions() {
            Set<TopicPartition> all = new HashSet<>(committed.keySet());
            members.forEach(member -> all.addAll(member.assignment().topicPartitions()));
            return all;
        }

        Set<TopicPartition> uncommitted() {
            Set<TopicPartition> held = partitions();
            held.removeAll(committed.keySet());
            return held;
        }
    }

    record ClusterView(List<GroupView> groups, Map<TopicPartition, Long> stableEnds, Map<TopicPartition, Long> logStarts) {
    }

    private final Admin admin;

    ClusterReader(Admin admin) {
        this.admin = admin;
    }

    @Override
    public ClusterView read(List<String> groups) throws InterruptedException, ExecutionException, TimeoutException {
        var descriptions = admin.describeConsumerGroups(groups).describedGroups();
        var offsets = admin.listConsumerGroupOffsets(groups.stream()
                .collect(Collectors.toMap(Function.identity(), group -> new ListConsumerGroupOffsetsSpec())));
        List<GroupView> views = new ArrayList<>();
        for (String group : groups) {
            ConsumerGroupDescription description = getOrNull(descriptions.get(group));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    description == null ? Map.of() : get(offsets.partitionsToOffsetAndMetadata(group));
            views.add(view(group, description, committed));
        }
        Set<TopicPartition> partitions = new HashSet<>();
        Set<TopicPartition> uncommitted = new HashSet<>();
        views.forEach(view -> {
            partitions.addAll(view.partitions());
            uncommitted.addAll(view.uncommitted());
        });
        return new ClusterView(views, offsets(partitions, OffsetSpec.latest()), offsets(uncommitted, OffsetSpec.earliest()));
    }

    private static GroupView view(String group, ConsumerGroupDescription description,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        if (description == null) {
            return new GroupView(group, "DEAD", "unknown", List.of(), Map.of());
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return new GroupView(group, description.groupState().name(), description.type().name().toLowerCase(Locale.ROOT),
                List.copyOf(description.members()), offsets);
    }

    /** With {@code latest}, read_committed gives the last stable offset; with {@code earliest}, the log start offset. */
    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        ListOffsetsResult result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec)),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                offsets.put(partition, get(result.partitionResult(partition)).offset());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return offsets;
    }

    private static ConsumerGroupDescription getOrNull(KafkaFuture<ConsumerGroupDescription> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return get(future);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private static <T> T get(KafkaFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
