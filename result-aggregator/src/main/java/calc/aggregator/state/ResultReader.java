package calc.aggregator.state;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads result records. Any client may write to the results topic, so a record that is not a
 * result is logged (by position, not content) and skipped rather than stopping the aggregator.
 * A result keyed by its requestId skips the repartition topic: the contract has only the workers
 * write results, keyed by requestId through Kafka's Java default partitioner, which puts each in
 * its id's home ({@link PartitionLayout}). A result produced otherwise would be correlated in the
 * wrong task.
 */
final class ResultReader implements FixedKeyProcessor<String, byte[], Routed> {
    private static final Logger log = LoggerFactory.getLogger(ResultReader.class);
    private FixedKeyProcessorContext<String, Routed> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ResultFields.read(record.value()).ifPresentOrElse(
                result -> context.forward(record.withValue(
                        new Routed(Observation.of(result), result.requestId().equals(record.key())))),
                () -> log.warn("Skipping a record that is not a result at {}", position()));
    }

    private String position() {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("an unknown position");
    }
}
