package calc.aggregator.state;

import calc.contract.Operation;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Turns an untrusted request record into the request seen for its answer's id, and decides
 * whether it may skip the repartition topic: only when keyed by that id and found in the id's
 * home partition of a request topic with as many partitions as the results topic
 * ({@link PartitionLayout}); whoever produced it (any client, any partitioner) is never trusted.
 * A record from which no id can be recovered can only become a dead letter, so it is not a
 * request here.
 */
final class RequestReader implements FixedKeyProcessor<String, byte[], Routed> {
    private final Operation operation;
    private final PartitionLayout layout;
    private FixedKeyProcessorContext<String, Routed> context;

    RequestReader(Operation operation, PartitionLayout layout) {
        this.operation = operation;
        this.layout = layout;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RequestFields.read(record.key(), record.value(), operation, record.timestamp())
                .ifPresent(seen -> context.forward(record.withValue(
                        new Routed(Observation.of(seen), atHome(record.key(), seen.requestId())))));
    }

    private boolean atHome(String key, String id) {
        return id.equals(key) && context.recordMetadata()
                .map(where -> layout.isHome(where.topic(), where.partition(), id))
                .orElse(false);
    }
}
