package calc.aggregator.topology;

import calc.contract.Operation;
import calc.contract.ParsedRequest;
import calc.contract.RequestParser;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Turns an untrusted request record into the request seen for its answer's id. A record from
 * which no id can be recovered can only become a dead letter, so it is not a request here.
 */
final class RequestReader implements FixedKeyProcessor<String, byte[], Observation> {
    private final Operation operation;
    private FixedKeyProcessorContext<String, Observation> context;

    RequestReader(Operation operation) {
        this.operation = operation;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Observation> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        ParsedRequest parsed = RequestParser.parse(
                record.key(), record.value(), operation, Instant.ofEpochMilli(record.timestamp()));
        seen(parsed).ifPresent(seen -> context.forward(record.withValue(Observation.of(seen))));
    }

    private Optional<RequestSeen> seen(ParsedRequest parsed) {
        if (parsed instanceof ParsedRequest.Valid valid) {
            var request = valid.request();
            return Optional.of(new RequestSeen(
                    request.requestId(), request.batchId(), request.operation(), request.submittedAt()));
        }
        ParsedRequest.Invalid invalid = (ParsedRequest.Invalid) parsed;
        return invalid.requestId().map(id -> new RequestSeen(id, invalid.batchId(), operation, invalid.submittedAt()));
    }
}
