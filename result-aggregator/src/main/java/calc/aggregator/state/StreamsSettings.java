package calc.aggregator.state;

import calc.aggregator.AggregatorProperties;
import calc.contract.KafkaConnection;
import calc.contract.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The Kafka Streams configuration. Exactly-once v2 makes the aggregator read results
 * read_committed (an aborted transaction's result never counts) and keeps its stores
 * consistent with its input offsets. One standby replica per store, placed on another instance whenever one
 * runs, takes over a lost instance's tasks without restoring them from the changelogs.
 */
public final class StreamsSettings {
    private StreamsSettings() {
    }

    /** Without {@code application.server}: the web server's port is known only once it has started. */
    public static Map<String, Object> of(KafkaConnection kafka, AggregatorProperties aggregator, Topics topics) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, aggregator.applicationId());
        // Names the group's members readably in the lag table ("result-aggregator-StreamThread-1-consumer").
        props.put(StreamsConfig.CLIENT_ID_CONFIG, aggregator.instanceName());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, aggregator.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, aggregator.streamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, aggregator.commitInterval().toMillis());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDb.class);
        // Input keys and values are read as plain bytes and strings, which never fail; this guards the rest.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.putAll(aggregator.streams());
        return props;
    }
}
