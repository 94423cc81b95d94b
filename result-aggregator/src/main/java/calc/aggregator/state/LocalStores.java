package calc.aggregator.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read access to the state this instance holds: the stores of its active tasks, one per
 * partition, never stale standbys. What a task wrote is readable once its task flushed it, at its
 * next commit. Every answer names the partitions it covers, so that answers of several instances
 * can be checked to cover each partition exactly once before they are merged.
 */
public class LocalStores {
    /** Values read from the local partitions {@code partitions}. */
    public record Share<V>(SortedSet<Integer> partitions, List<V> values) {
    }

    private final StreamsRuntime runtime;
    private final PartitionLayout layout;
    private Map<String, Integer> subtopologyByStore;

    public LocalStores(StreamsRuntime runtime, PartitionLayout layout) {
        this.runtime = runtime;
        this.layout = layout;
    }

    public PartitionLayout layout() {
        return layout;
    }

    /**
     * The entry of a request id from its home partition; empty when this instance holds that
     * partition and has no entry; {@link NotHereException} when another instance holds it.
     */
    public Optional<RequestEntry> entry(String requestId) {
        int home = layout.homeOf(requestId);
        return guarded(() -> {
            if (!activePartitions(StoreNames.ENTRIES).contains(home)) {
                throw new NotHereException(home);
            }
            return Optional.ofNullable(this.<RequestEntry>store(StoreNames.ENTRIES, home).get(requestId));
        });
    }

    /** The value under {@code key} in each local partition that has one (aggregates are split by task). */
    public <V> Share<V> valuesFor(String store, String key) {
        return collect(store, (partition, values) -> {
            V value = this.<V>store(store, partition).get(key);
            if (value != null) {
                values.add(value);
            }
        });
    }

    /** Every value of the store, over all local partitions; only for stores with few keys. */
    public <V> Share<V> allValues(String store) {
        return collect(store, (partition, values) -> {
            try (KeyValueIterator<String, V> all = this.<V>store(store, partition).all()) {
                all.forEachRemaining(entry -> values.add(entry.value));
            }
        });
    }

    /** The values of keys from {@code from} to {@code to} (both inclusive), over all local partitions. */
    public <V> Share<V> range(String store, String from, String to) {
        return collect(store, (partition, values) -> {
            try (KeyValueIterator<String, V> keys = this.<V>store(store, partition).range(from, to)) {
                keys.forEachRemaining(entry -> values.add(entry.value));
            }
        });
    }

    /** Every value of the store in each local partition, by partition; only for stores with few keys. */
    public <V> Map<Integer, List<V>> allValuesByPartition(String store) {
        return guarded(() -> {
            Map<Integer, List<V>> byPartition = new TreeMap<>();
            for (int partition : activePartitions(store)) {
                List<V> values = new ArrayList<>();
                try (KeyValueIterator<String, V> all = this.<V>store(store, partition).all()) {
                    all.forEachRemaining(entry -> values.add(entry.value));
                }
                byPartition.put(partition, values);
            }
            return byPartition;
        });
    }

    private interface PartitionReader<V> {
        void read(int partition, List<V> into);
    }

    private <V> Share<V> collect(String store, PartitionReader<V> reader) {
        return guarded(() -> {
            SortedSet<Integer> partitions = activePartitions(store);
            List<V> values = new ArrayList<>();
            for (int partition : partitions) {
                reader.read(partition, values);
            }
            return new Share<>(partitions, values);
        });
    }

    /** The partitions of this instance's active tasks that hold {@code store}. */
    public SortedSet<Integer> activePartitions(String store) {
        KafkaStreams streams = runtime.whenRunning();
        int subtopology = Objects.requireNonNull(subtopologies().get(store), () -> "no store " + store);
        SortedSet<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(TaskMetadata::taskId)
                .filter(task -> task.subtopology() == subtopology)
                .map(TaskId::partition)
                .forEach(partitions::add);
        return partitions;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String store, int partition) {
        return runtime.whenRunning().store(StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition));
    }

    /** A rebalance can move a store away between the state check and the read: that is "retry later". */
    private static <T> T guarded(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw new StreamsUnavailableException(
                    "the aggregator's state is moving (" + e.getMessage() + "); retry shortly", e);
        }
    }

    private Map<String, Integer> subtopologies() {
        if (subtopologyByStore == null) {
            subtopologyByStore = subtopologies(runtime.topology().describe());
        }
        return subtopologyByStore;
    }

    private static Map<String, Integer> subtopologies(TopologyDescription description) {
        Map<String, Integer> byStore = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> byStore.put(store, subtopology.id()));
                }
            }
        }
        return Map.copyOf(byStore);
    }

    /** The partition holding a key is another instance's. */
    public static class NotHereException extends RuntimeException {
        private final int partition;

        public NotHereException(int partition) {
            super("partition " + partition + " is not held by this instance");
            this.partition = partition;
        }

        public int partition() {
            return partition;
        }
    }
}
