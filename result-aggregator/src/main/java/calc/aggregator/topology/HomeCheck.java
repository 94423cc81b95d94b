package calc.aggregator.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Decides which observations may skip the repartition topic: only those already in the partition
 * of the task that owns their id ({@link PartitionLayout}). A request qualifies only when keyed
 * by its requestId and found in the id's home partition of a request topic with as many
 * partitions as the results topic; whoever produced it (any client, any partitioner) is never
 * trusted. A result qualifies when keyed by its requestId, because the contract has only the
 * workers write results, keyed by requestId through Kafka's Java default partitioner, which
 * puts each in its id's home. A result produced otherwise would be correlated in the wrong task.
 */
final class HomeCheck implements FixedKeyProcessor<String, Observation, Routed> {
    private final PartitionLayout layout;
    private FixedKeyProcessorContext<String, Routed> context;

    HomeCheck(PartitionLayout layout) {
        this.layout = layout;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Observation> record) {
        Observation seen = record.value();
        context.forward(record.withValue(new Routed(seen, atHome(record.key(), seen))));
    }

    private boolean atHome(String key, Observation seen) {
        if (!seen.requestId().equals(key)) {
            return false;
        }
        if (seen.result() != null) {
            return true;
        }
        return context.recordMetadata()
                .map(where -> layout.isHome(where.topic(), where.partition(), key))
                .orElse(false);
    }
}
