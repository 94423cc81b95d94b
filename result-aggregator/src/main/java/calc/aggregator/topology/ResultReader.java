package calc.aggregator.topology;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads result records. Any client may write to the results topic, so a record that is not a
 * result is logged (by position, not content) and skipped rather than stopping the aggregator.
 */
final class ResultReader implements FixedKeyProcessor<String, byte[], Observation> {
    private static final Logger log = LoggerFactory.getLogger(ResultReader.class);
    private FixedKeyProcessorContext<String, Observation> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Observation> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            CalculationResult result = CalcJson.fromBytes(record.value(), CalculationResult.class);
            context.forward(record.withValue(Observation.of(result)));
        } catch (JacksonException e) {
            log.warn("Skipping a record that is not a result at {}: {}", position(), e.getOriginalMessage());
        }
    }

    private String position() {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("an unknown position");
    }
}
