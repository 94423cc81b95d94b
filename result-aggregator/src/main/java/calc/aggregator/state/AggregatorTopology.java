package calc.aggregator.state;

import calc.contract.CalcJson;
import calc.contract.Operation;
import calc.contract.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregator's topology. Every observation (request seen, result) is correlated in the task
 * that owns its requestId, the task of the id's home partition ({@link PartitionLayout}). An
 * observation that its reader finds at home goes straight on; every other one (a request
 * without a key, a key that is not its id, a request in another partition than its id's home or
 * on a topic whose partition count differs from the results topic's) is re-keyed through one
 * repartition topic with as many partitions as the results topic really has, which delivers it
 * to its home task. Counts come from the cluster, never from configuration, so this holds
 * whatever client or partitioner produced a request.
 */
public final class AggregatorTopology {
    /** Names the repartition topic ({@code <application.id>-by-request-id-repartition}). */
    public static final String REPARTITION = "by-request-id";
    /** Request entries a task remembers between commits while they wait for their result. */
    static final int WAITING_ENTRIES = 20_000;
    /** Batches, (service, version)s and seconds a task remembers between commits. */
    static final int AGGREGATES = 1_000;

    private static final Serde<String> KEYS = Serdes.String();

    private AggregatorTopology() {
    }

    /** The repartition topic's name, as Kafka Streams derives it. */
    public static String repartitionTopic(String applicationId) {
        return applicationId + "-" + REPARTITION + "-repartition";
    }

    public static void build(StreamsBuilder builder, Topics topics, PartitionLayout layout, Retention retention) {
        addStores(builder);
        Map<String, KStream<String, Routed>> routes = requests(builder, topics, layout, Operation.MULTIPLY)
                .merge(requests(builder, topics, layout, Operation.ADD), Named.as("merge-requests"))
                .merge(results(builder, topics), Named.as("merge-observations"))
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
                .process(() -> new CorrelateProcessor(retention), Named.as("correlate"),
                        StoreNames.ENTRIES, StoreNames.BATCHES, StoreNames.SERVICES, StoreNames.SERVICE_SECONDS,
                        StoreNames.TOTALS);
        builder.stream(topics.deadLetterTopic().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-dead-letters"))
                .process(DeadLetterCounter::new, Named.as("count-dead-letters"), StoreNames.DEAD_LETTERS);
    }

    private static KStream<String, Routed> requests(StreamsBuilder builder, Topics topics, PartitionLayout layout,
            Operation operation) {
        return builder.stream(topics.requests(operation).name(),
                        Consumed.with(KEYS, Serdes.ByteArray()).withName("read-" + operation.wireName() + "-requests"))
                .processValues(() -> new RequestReader(operation, layout),
                        Named.as("parse-" + operation.wireName() + "-requests"));
    }

    private static KStream<String, Routed> results(StreamsBuilder builder, Topics topics) {
        return builder.stream(topics.calculationResults().name(),
                        Consumed.with(KEYS, Serdes.ByteArray()).withName("read-results"))
                .processValues(ResultReader::new, Named.as("parse-results"));
    }

    /**
     * Changelogged, so a restart or a moved task loses nothing; buffered ({@link BufferedStore}), so
     * each changed value is written once per commit. The request entries, one per id, live in
     * RocksDB; the aggregates, a few thousand keys at most, in memory, restored from their
     * compacted changelogs at start: a RocksDB instance per aggregate store and task would only add
     * memtables to flush.
     */
    private static void addStores(StreamsBuilder builder) {
        builder.addStateStore(new BufferedStoreBuilder<>(Stores.persistentKeyValueStore(StoreNames.ENTRIES),
                StoreFormat.entries(), WAITING_ENTRIES, entry -> !entry.isCompleted()));
        builder.addStateStore(buffered(StoreNames.BATCHES, StoreFormat.batches()));
        builder.addStateStore(buffered(StoreNames.SERVICES, StoreFormat.services()));
        builder.addStateStore(buffered(StoreNames.SERVICE_SECONDS, StoreFormat.seconds()));
        builder.addStateStore(buffered(StoreNames.TOTALS, StoreFormat.totals()));
        builder.addStateStore(buffered(StoreNames.DEAD_LETTERS, Serdes.Long()));
    }

    private static <V> BufferedStoreBuilder<V> buffered(String name, Serde<V> values) {
        return new BufferedStoreBuilder<>(Stores.inMemoryKeyValueStore(name), values, AGGREGATES, value -> true);
    }
}
