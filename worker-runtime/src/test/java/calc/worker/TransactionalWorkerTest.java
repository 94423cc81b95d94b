package calc.worker;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.Operation;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The loop's error paths, which a healthy broker never takes: Kafka's own mock clients inject
 * the failures. The integration tests cover the same loop against a real broker.
 */
class TransactionalWorkerTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final String SOURCE = TOPICS.requests(Operation.ADD).name();
    private static final TopicPartition PARTITION = new TopicPartition(SOURCE, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final AtomicBoolean fatal = new AtomicBoolean();

    @Test
    void anAbortedTransactionIsAnsweredAgainFromTheCommittedOffsets() {
        // Given two requests, and a broker that fails the first commit
        TransactionalWorker worker = worker(Duration.ofSeconds(5));
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1", "r-2");
            producer.commitTransactionException = new KafkaException("the broker went away");
        });
        consumer.schedulePollTask(() -> {
            producer.commitTransactionException = null;
            addRequests("r-1", "r-2");
        });
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then each request is answered exactly once, in one committed transaction
        assertThat(resultKeys()).containsExactly("r-1", "r-2");
        assertThat(committedOffsets()).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(2)));
        assertThat(fatal).isFalse();
    }

    @Test
    void aTransactionStopsTakingRecordsOnceItsTimeBudgetIsSpent() {
        // Given three requests and no time budget: every transaction answers one record
        TransactionalWorker worker = worker(Duration.ZERO);
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1", "r-2", "r-3");
        });
        consumer.schedulePollTask(() -> addRequests("r-1", "r-2", "r-3"));
        consumer.schedulePollTask(() -> addRequests("r-1", "r-2", "r-3"));
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then the records left over are fetched again and each is answered once
        assertThat(resultKeys()).containsExactly("r-1", "r-2", "r-3");
        assertThat(committedOffsets()).containsExactly(
                Map.of(PARTITION, new OffsetAndMetadata(1)),
                Map.of(PARTITION, new OffsetAndMetadata(2)),
                Map.of(PARTITION, new OffsetAndMetadata(3)));
        assertThat(fatal).isFalse();
    }

    @Test
    void aPollThatRacesWithAReassignmentIsRetried() {
        // Given a poll that fails the way Kafka's consumer does when a partition moves under it
        TransactionalWorker worker = worker(Duration.ofSeconds(5));
        consumer.schedulePollTask(() -> {
            throw new IllegalStateException("No current assignment for partition " + PARTITION);
        });
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1");
        });
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then the worker goes on and answers
        assertThat(fatal).isFalse();
        assertThat(resultKeys()).containsExactly("r-1");
    }

    @Test
    void aFencedProducerStopsTheWorkerWithoutAnswering() {
        // Given a newer instance with the same transactional.id
        TransactionalWorker worker = worker(Duration.ofSeconds(5));
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1");
            producer.fenceProducer();
        });

        // When the loop runs
        worker.run();

        // Then it stops as a fatal error, answers nothing and closes its clients
        assertThat(fatal).isTrue();
        assertThat(resultKeys()).isEmpty();
        assertThat(producer.closed()).isTrue();
        assertThat(consumer.closed()).isTrue();
    }

    private TransactionalWorker worker(Duration maxTransactionTime) {
        Calculator add = new Calculator() {
            @Override
            public Operation operation() {
                return Operation.ADD;
            }

            @Override
            public long calculate(long a, long b) {
                return a + b;
            }
        };
        RequestHandler handler = new RequestHandler(add, new WorkerIdentity("add-worker", "v1", "add-worker-1"),
                TOPICS, Clock.systemUTC());
        return new TransactionalWorker(consumer, producer, handler, new WorkerMetrics(new SimpleMeterRegistry()),
                new TransactionalWorker.Settings(SOURCE, TOPICS, Duration.ofMillis(10), maxTransactionTime),
                () -> fatal.set(true));
    }

    private void assign() {
        consumer.rebalance(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.seek(PARTITION, 0);
        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(0)));
    }

    private void addRequests(String... ids) {
        for (int offset = 0; offset < ids.length; offset++) {
            String json = "{\"requestId\":\"" + ids[offset] + "\",\"operation\":\"add\",\"a\":1,\"b\":2}";
            consumer.addRecord(new ConsumerRecord<>(SOURCE, 0, offset, ids[offset], json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private List<String> resultKeys() {
        return producer.history().stream().map(ProducerRecord::key).toList();
    }

    private List<Map<TopicPartition, OffsetAndMetadata>> committedOffsets() {
        return producer.consumerGroupOffsetsHistory().stream()
                .flatMap(byGroup -> byGroup.values().stream()).toList();
    }
}
