package calc.worker;

import calc.contract.CalcJson;
import calc.contract.CalculationRequest;
import calc.contract.CalculationResult;
import calc.contract.DeadLetterHeaders;
import calc.contract.ParsedRequest;
import calc.contract.RequestParser;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Turns one request record into the records that answer it, and nothing else: a valid request
 * gets a result (OK, or ERROR when the arithmetic has no exact answer); a record that breaks
 * the contract gets an ERROR result when a requestId can be recovered, and always a dead letter
 * with the original key and bytes. So every record in is accounted for.
 */
public final class RequestHandler {
    private final Calculator calculator;
    private final WorkerIdentity worker;
    private final Topics topics;
    private final Clock clock;

    public RequestHandler(Calculator calculator, WorkerIdentity worker, Topics topics, Clock clock) {
        this.calculator = calculator;
        this.worker = worker;
        this.topics = topics;
        this.clock = clock;
    }

    public Answer handle(ConsumerRecord<String, byte[]> record) {
        ParsedRequest parsed = RequestParser.parse(record.key(), record.value(), calculator.operation(),
                Instant.ofEpochMilli(record.timestamp()));
        if (parsed instanceof ParsedRequest.Valid valid) {
            return new Answer(calculate(valid.request()), null);
        }
        return reject(record, (ParsedRequest.Invalid) parsed);
    }

    private CalculationResult calculate(CalculationRequest request) {
        try {
            long result = calculator.calculate(request.a(), request.b());
            return CalculationResult.ok(request, result, worker, now());
        } catch (CalculationFailure failure) {
            return CalculationResult.failed(request, failure.error(), worker, now());
        }
    }

    private Answer reject(ConsumerRecord<String, byte[]> record, ParsedRequest.Invalid invalid) {
        CalculationResult result = invalid.requestId()
                .map(id -> new CalculationResult(id, invalid.batchId(), null, null, null,
                        CalculationResult.Status.ERROR, null, invalid.error(), worker, invalid.submittedAt(), now()))
                .orElse(null);
        ProducerRecord<String, byte[]> deadLetter =
                new ProducerRecord<>(topics.deadLetterTopic().name(), record.key(), record.value());
        Headers headers = deadLetter.headers();
        header(headers, DeadLetterHeaders.ERROR_CODE, invalid.error().code().name());
        header(headers, DeadLetterHeaders.ERROR_MESSAGE, invalid.error().message());
        header(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        header(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
        header(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
        header(headers, DeadLetterHeaders.WORKER_INSTANCE, worker.instance());
        if (result != null) {
            header(headers, DeadLetterHeaders.REQUEST_ID, result.requestId());
        }
        return new Answer(result, deadLetter);
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** What answers one record: a result (null when no requestId could be recovered) and a dead letter (null when valid). */
    public record Answer(CalculationResult result, ProducerRecord<String, byte[]> deadLetter) {

        public List<ProducerRecord<String, byte[]>> records(Topics topics) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(2);
            if (result != null) {
                records.add(new ProducerRecord<>(topics.calculationResults().name(), result.requestId(),
                        CalcJson.toBytes(result)));
            }
            if (deadLetter != null) {
                records.add(deadLetter);
            }
            return records;
        }
    }
}
