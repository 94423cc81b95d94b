package calc.aggregator.topology;

import calc.contract.CalcJson;
import calc.contract.Operation;
import calc.contract.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregator's topology. Every observation (request seen, result) is correlated in the task
 * that owns its requestId, the task of the id's home partition ({@link PartitionLayout}). An
 * observation that {@link HomeCheck} finds at home goes straight on; every other one (a request
 * without a key, a key that is not its id, a request in another partition than its id's home or
 * on a topic whose partition count differs from the results topic's) is re-keyed through one
 * repartition topic with as many partitions as the results topic really has, which delivers it
 * to its home task. Counts come from the cluster, never from configuration, so this holds
 * whatever client or partitioner produced a request.
 */
public final class AggregatorTopology {
    /** Names the repartition topic ({@code <application.id>-by-request-id-repartition}). */
    public static final String REPARTITION = "by-request-id";

    private static final Serde<String> KEYS = Serdes.String();

    private AggregatorTopology() {
    }

    public static Topology build(Topics topics, PartitionLayout layout, Retention retention, ResultListener listener) {
        StreamsBuilder builder = new StreamsBuilder();
        addStores(builder);
        Map<String, KStream<String, Routed>> routes = requests(builder, topics, Operation.MULTIPLY)
                .merge(requests(builder, topics, Operation.ADD), Named.as("merge-requests"))
                .merge(results(builder, topics), Named.as("merge-observations"))
                .processValues(() -> new HomeCheck(layout), Named.as("check-home"))
                .split(Named.as("route-"))
                .branch((key, routed) -> routed.atHome(), Branched.as("keyed"))
                .defaultBranch(Branched.as("rekey"));
        KStream<String, Observation> atHome = routes.get("route-keyed")
                .mapValues(Routed::observation, Named.as("at-home"));
        KStream<String, Observation> rekeyed = routes.get("route-rekey")
                .map((key, routed) -> KeyValue.pair(routed.observation().requestId(), routed.observation()),
                        Named.as("key-by-request-id"))
                .repartition(Repartitioned.<String, Observation>as(REPARTITION)
                        .withKeySerde(KEYS)
                        .withValueSerde(CalcJson.serde(Observation.class))
                        .withNumberOfPartitions(layout.resultPartitions()));
        atHome.merge(rekeyed, Named.as("merge-by-request-id"))
                .process(() -> new CorrelateProcessor(retention, listener), Named.as("correlate"),
                        StoreNames.ENTRIES, StoreNames.BATCHES, StoreNames.SERVICES, StoreNames.SERVICE_SECONDS,
                        StoreNames.TOTALS);
        builder.stream(topics.deadLetterTopic().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-dead-letters"))
                .process(DeadLetterCounter::new, Named.as("count-dead-letters"), StoreNames.DEAD_LETTERS);
        return builder.build();
    }

    private static KStream<String, Observation> requests(StreamsBuilder builder, Topics topics, Operation operation) {
        return builder.stream(topics.requests(operation).name(),
                        Consumed.with(KEYS, Serdes.ByteArray()).withName("read-" + operation.wireName() + "-requests"))
                .processValues(() -> new RequestReader(operation), Named.as("parse-" + operation.wireName() + "-requests"));
    }

    private static KStream<String, Observation> results(StreamsBuilder builder, Topics topics) {
        return builder.stream(topics.calculationResults().name(),
                        Consumed.with(KEYS, Serdes.ByteArray()).withName("read-results"))
                .processValues(ResultReader::new, Named.as("parse-results"));
    }

    /** Persistent (RocksDB) and changelogged, so a restart or a moved task loses nothing. */
    private static void addStores(StreamsBuilder builder) {
        builder.addStateStore(store(StoreNames.ENTRIES, CalcJson.serde(RequestEntry.class)));
        builder.addStateStore(store(StoreNames.BATCHES, CalcJson.serde(BatchAggregate.class)).withCachingEnabled());
        builder.addStateStore(store(StoreNames.SERVICES, CalcJson.serde(ServiceAggregate.class)).withCachingEnabled());
        builder.addStateStore(store(StoreNames.SERVICE_SECONDS, CalcJson.serde(ServiceSecond.class))
                .withCachingEnabled());
        builder.addStateStore(store(StoreNames.TOTALS, CalcJson.serde(Totals.class)).withCachingEnabled());
        builder.addStateStore(store(StoreNames.DEAD_LETTERS, Serdes.Long()).withCachingEnabled());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), KEYS, values)
                .withLoggingEnabled(Map.of());
    }
}
