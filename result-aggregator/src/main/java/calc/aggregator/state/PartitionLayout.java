package calc.aggregator.state;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * The real partition counts of the topics the aggregator reads, as the cluster reported them at
 * startup (configured counts only apply when a topic is created). An id's <em>home</em> is
 * partition {@code toPositive(murmur2(UTF-8 id)) % resultPartitions}: where Kafka's Java default
 * partitioner puts a record keyed by the id in the results topic, and where Streams puts it in
 * the repartition topic, which has as many partitions. The task of that partition number owns
 * the id's state.
 *
 * @param resultPartitions the results topic's partition count
 * @param deadLetterPartitions the dead-letter topic's partition count: one task each counts them
 * @param partitionsByTopic every request and result topic's partition count, by name
 */
public record PartitionLayout(int resultPartitions, int deadLetterPartitions, Map<String, Integer> partitionsByTopic) {

    public PartitionLayout {
        if (resultPartitions < 1) {
            throw new IllegalArgumentException("the results topic needs at least one partition");
        }
        partitionsByTopic = Map.copyOf(partitionsByTopic);
    }

    public int homeOf(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % resultPartitions;
    }

    /**
     * Whether a record keyed by {@code id} in {@code partition} of {@code topic} is at its id's
     * home already: only when the topic has as many partitions as the results topic, since only
     * then is its partition number that of the owning task.
     */
    public boolean isHome(String topic, int partition, String id) {
        Integer partitions = partitionsByTopic.get(topic);
        return partitions != null && partitions == resultPartitions && partition == homeOf(id);
    }

    /** How many tasks hold a store: Kafka Streams makes one per partition of the widest source topic. */
    public int tasksOf(String store) {
        if (store.equals(StoreNames.DEAD_LETTERS)) {
            return deadLetterPartitions;
        }
        return Math.max(resultPartitions,
                partitionsByTopic.values().stream().mapToInt(Integer::intValue).max().orElse(resultPartitions));
    }
}
