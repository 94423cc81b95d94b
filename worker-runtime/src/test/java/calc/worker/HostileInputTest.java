package calc.worker;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalculationResult;
import calc.contract.DeadLetterHeaders;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import calc.worker.testkit.HostileRecords;
import calc.worker.testkit.HostileRecords.Hostile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Property: whatever bytes arrive, the handler answers without throwing, and each record yields
 * exactly what the contract promises: a result when a requestId can be recovered, an ERROR
 * result and a dead letter with the original key and bytes when the record breaks the contract,
 * and only a dead letter when no requestId can be recovered. A failure names its seed; replay it
 * with {@code -Dcalc.hostile.seed=N}.
 */
class HostileInputTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final WorkerIdentity WORKER = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final Calculator MULTIPLY = new ExactMultiply();

    private final RequestHandler handler = new RequestHandler(MULTIPLY, WORKER, TOPICS, Clock.systemUTC());

    @RepeatedTest(5)
    void everyRecordIsAnsweredAsTheContractPromises() {
        // Given hostile records of every kind, from a seed
        long seed = Long.getLong("calc.hostile.seed", ThreadLocalRandom.current().nextLong());
        List<Hostile> records = new HostileRecords(seed, "multiply").generate(4_000);

        long results = 0;
        long deadLetters = 0;
        long deadLettersWithoutResult = 0;
        for (int offset = 0; offset < records.size(); offset++) {
            Hostile hostile = records.get(offset);
            // When the handler answers each one
            RequestHandler.Answer answer = handler.handle(consumerRecord(hostile, offset));

            // Then it yields what the contract promises for it
            String described = "seed " + seed + ", " + hostile;
            assertThat(answer.result() != null).as(described).isEqualTo(hostile.expect().result);
            assertThat(answer.deadLetter() != null).as(described).isEqualTo(hostile.expect().deadLetter);
            if (answer.result() != null) {
                assertThat(answer.result().requestId()).as(described).isEqualTo(hostile.answerId());
                assertThat(answer.result().status() == CalculationResult.Status.ERROR)
                        .as(described).isEqualTo(answer.deadLetter() != null || answer.result().error() != null);
                results++;
            }
            if (answer.deadLetter() != null) {
                ProducerRecord<String, byte[]> deadLetter = answer.deadLetter();
                assertThat(deadLetter.key()).as(described).isEqualTo(hostile.key());
                assertThat(deadLetter.value()).as(described).isEqualTo(hostile.value());
                var requestId = deadLetter.headers().lastHeader(DeadLetterHeaders.REQUEST_ID);
                assertThat(requestId == null ? null : new String(requestId.value(), StandardCharsets.UTF_8))
                        .as(described).isEqualTo(hostile.answerId());
                assertThat(answer.result() == null || answer.result().error() != null).as(described).isTrue();
                deadLetters++;
                deadLettersWithoutResult += answer.result() == null ? 1 : 0;
            }
        }

        // And the books balance: every record in is a result or a dead letter that could not name its request
        assertThat(results + deadLettersWithoutResult).as("seed " + seed + ": in = results + unnamed dead letters")
                .isEqualTo(records.size());
        assertThat(deadLetters).as("seed " + seed).isPositive();
    }

    private static ConsumerRecord<String, byte[]> consumerRecord(Hostile hostile, long offset) {
        return new ConsumerRecord<>(TOPICS.requests(Operation.MULTIPLY).name(), 0, offset, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, -1, -1, hostile.key(), hostile.value(), new RecordHeaders(),
                Optional.empty());
    }
}
