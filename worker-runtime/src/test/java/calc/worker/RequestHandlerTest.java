package calc.worker;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalcError;
import calc.contract.CalculationResult;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RequestHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00.004Z");
    private static final Instant RECORD_TIME = Instant.parse("2026-11-27T08:59:59.500Z");
    private static final WorkerIdentity WORKER = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final Topics TOPICS = Topics.defaults();

    private final Calculator multiply = new ExactMultiply();
    private final RequestHandler handler =
            new RequestHandler(multiply, WORKER, TOPICS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aValidRequestGetsAnOkResultAndNoDeadLetter() {
        RequestHandler.Answer answer = handler.handle(record("r-42",
                "{\"requestId\":\"r-42\",\"operation\":\"multiply\",\"a\":6,\"b\":7,\"batchId\":\"demo-1\","
                        + "\"submittedAt\":\"2026-11-27T09:00:00.000Z\",\"extra\":true}"));

        assertThat(answer.deadLetter()).isNull();
        assertThat(answer.result()).isEqualTo(new CalculationResult("r-42", "demo-1", Operation.MULTIPLY, 6L, 7L,
                CalculationResult.Status.OK, 42L, null, WORKER, Instant.parse("2026-11-27T09:00:00Z"), NOW));
    }

    @Test
    void aKeylessRequestWithoutSubmittedAtIsAnsweredWithTheRecordTime() {
        RequestHandler.Answer answer = handler.handle(record(null,
                "{\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":-3,\"b\":5}"));

        assertThat(answer.result()).isEqualTo(new CalculationResult("r-1", null, Operation.MULTIPLY, -3L, 5L,
                CalculationResult.Status.OK, -15L, null, WORKER, RECORD_TIME, NOW));
        assertThat(answer.records(TOPICS)).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("calc.results", "r-1"));
    }

    @Test
    void anOverflowIsAnErrorResultButNotADeadLetter() {
        RequestHandler.Answer answer = handler.handle(record("r-9",
                "{\"requestId\":\"r-9\",\"operation\":\"multiply\",\"a\":6,\"b\":9223372036854775807}"));

        assertThat(answer.deadLetter()).isNull();
        assertThat(answer.result().status()).isEqualTo(CalculationResult.Status.ERROR);
        assertThat(answer.result().result()).isNull();
        assertThat(answer.result().error())
                .isEqualTo(new CalcError(ErrorCode.OVERFLOW, "6 * 9223372036854775807 overflows 64 bits"));
    }

    @Test
    void aRecordThatIsNotJsonButHasAKeyGetsAnErrorResultAndADeadLetter() {
        RequestHandler.Answer answer = handler.handle(record("r-7", "six times seven"));

        assertThat(answer.result()).isEqualTo(new CalculationResult("r-7", null, null, null, null,
                CalculationResult.Status.ERROR, null,
                new CalcError(ErrorCode.INVALID_REQUEST, "the value is not JSON"), WORKER, RECORD_TIME, NOW));
        assertDeadLetter(answer.deadLetter(), "r-7", "six times seven", ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aRecordWithNoRecoverableIdIsOnlyADeadLetter() {
        RequestHandler.Answer answer = handler.handle(record(null, "{\"operation\":\"multiply\",\"a\":1,\"b\":2}"));

        assertThat(answer.result()).isNull();
        assertDeadLetter(answer.deadLetter(), null, "{\"operation\":\"multiply\",\"a\":1,\"b\":2}",
                ErrorCode.INVALID_REQUEST);
        assertThat(answer.records(TOPICS)).extracting(ProducerRecord::topic).containsExactly("calc.dead-letters");
    }

    @Test
    void anotherTopicsOperationIsUnsupported() {
        RequestHandler.Answer answer = handler.handle(record("r-5",
                "{\"requestId\":\"r-5\",\"operation\":\"add\",\"a\":1,\"b\":2}"));

        assertThat(answer.result().error().code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
        assertDeadLetter(answer.deadLetter(), "r-5", "{\"requestId\":\"r-5\",\"operation\":\"add\",\"a\":1,\"b\":2}",
                ErrorCode.UNSUPPORTED_OPERATION);
    }

    @Test
    void aKeyThatDiffersFromTheRequestIdIsAnsweredUnderTheKey() {
        RequestHandler.Answer answer = handler.handle(record("key-1",
                "{\"requestId\":\"r-6\",\"operation\":\"multiply\",\"a\":1,\"b\":2}"));

        assertThat(answer.result().requestId()).isEqualTo("key-1");
        assertThat(answer.result().error())
                .isEqualTo(new CalcError(ErrorCode.INVALID_REQUEST, "the record key and requestId differ"));
    }

    private static void assertDeadLetter(ProducerRecord<String, byte[]> deadLetter, String key, String value,
            ErrorCode code) {
        assertThat(deadLetter.topic()).isEqualTo("calc.dead-letters");
        assertThat(deadLetter.key()).isEqualTo(key);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo(value);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : deadLetter.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        List<String> names = new ArrayList<>(List.of("calc.error.code", "calc.error.message", "calc.source.topic",
                "calc.source.partition", "calc.source.offset", "calc.worker.instance"));
        if (key != null) {
            names.add("calc.request.id");
            assertThat(headers).containsEntry("calc.request.id", key);
        }
        assertThat(headers).containsOnlyKeys(names);
        assertThat(headers).containsEntry("calc.error.code", code.name())
                .containsEntry("calc.source.topic", "calc.multiply.requests")
                .containsEntry("calc.source.partition", "3")
                .containsEntry("calc.source.offset", "17")
                .containsEntry("calc.worker.instance", "multiply-worker-1");
    }

    private static ConsumerRecord<String, byte[]> record(String key, String value) {
        return new ConsumerRecord<>("calc.multiply.requests", 3, 17, RECORD_TIME.toEpochMilli(),
                TimestampType.CREATE_TIME, -1, -1, key, value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty());
    }
}
