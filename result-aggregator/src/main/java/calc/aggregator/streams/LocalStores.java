package calc.aggregator.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * Read access to the per-task (per-partition) state stores this instance hosts. Aggregates are
 * kept per task and merged by the caller, so every query visits each local partition's store
 * explicitly. Only active tasks are read, never stale standbys.
 */
public class LocalStores {
    private final StreamsRuntime runtime;
    private final Map<String, Integer> subtopologyByStore;

    public LocalStores(StreamsRuntime runtime) {
        this.runtime = runtime;
        this.subtopologyByStore = subtopologies(runtime.topology().describe());
    }

    /** The value under {@code key} in each local partition that has one (aggregates are split by task). */
    public <V> List<V> valuesFor(String store, String key) {
        return guarded(() -> this.<V>partitions(store).stream()
                .map(partition -> partition.get(key))
                .filter(Objects::nonNull)
                .toList());
    }

    /** The value stored under {@code key} in whichever local partition holds it. */
    public <V> Optional<V> find(String store, String key) {
        return this.<V>valuesFor(store, key).stream().findFirst();
    }

    /** Every value of the store, over all local partitions; only for stores with few keys. */
    public <V> List<V> allValues(String store) {
        return guarded(() -> {
            List<V> values = new ArrayList<>();
            for (ReadOnlyKeyValueStore<String, V> partition : this.<V>partitions(store)) {
                try (KeyValueIterator<String, V> all = partition.all()) {
                    all.forEachRemaining(entry -> values.add(entry.value));
                }
            }
            return values;
        });
    }

    /** The values of keys from {@code from} to {@code to} (both inclusive), over all local partitions. */
    public <V> List<V> range(String store, String from, String to) {
        return guarded(() -> {
            List<V> values = new ArrayList<>();
            for (ReadOnlyKeyValueStore<String, V> partition : this.<V>partitions(store)) {
                try (KeyValueIterator<String, V> keys = partition.range(from, to)) {
                    keys.forEachRemaining(entry -> values.add(entry.value));
                }
            }
            return values;
        });
    }

    /** The store of every local active partition, in partition order. */
    private <V> List<ReadOnlyKeyValueStore<String, V>> partitions(String store) {
        KafkaStreams streams = runtime.whenRunning();
        int subtopology = Objects.requireNonNull(subtopologyByStore.get(store), () -> "no store " + store);
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(TaskMetadata::taskId)
                .filter(task -> task.subtopology() == subtopology)
                .map(TaskId::partition)
                .sorted()
                .map(partition -> streams.store(StoreQueryParameters
                        .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
                        .withPartition(partition)))
                .toList();
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
}
