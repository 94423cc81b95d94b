package calc.worker;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.Operation;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The loop's error paths, which a healthy broker never takes: Kafka's own mock clients inject
 * the failures. The integration tests cover the same loop against a real broker.
 */
class WorkerLoopTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final String SOURCE = TOPICS.requests(Operation.ADD).name();
    private static final TopicPartition PARTITION = new TopicPartition(SOURCE, 0);

    private final GroupMember consumer = new GroupMember();
    private final EpochCheckingProducer producer = new EpochCheckingProducer(consumer);
    private final AtomicBoolean fatal = new AtomicBoolean();
    private Runnable duringCalculation = () -> { };

    @Test
    void anAbortedTransactionIsAnsweredAgainFromTheCommittedOffsets() {
        // Given two requests, and a broker that fails the first commit
        WorkerLoop worker = worker(Duration.ofSeconds(5));
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
    void aCommitThatTimesOutIsRepeatedUntilItCompletes() {
        // Given two requests, and a broker whose commit times out five times
        WorkerLoop worker = worker(Duration.ofSeconds(5));
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1", "r-2");
            producer.commitTimeouts = 5;
        });
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then the same transaction commits, never aborted: it may have committed already on the broker
        assertThat(producer.commitAttempts).isEqualTo(6);
        assertThat(producer.abortAttempts).isZero();
        assertThat(resultKeys()).containsExactly("r-1", "r-2");
        assertThat(committedOffsets()).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(2)));
        assertThat(fatal).isFalse();
    }

    @Test
    void anAbortThatTimesOutIsRepeatedAndTheRecordsAreAnsweredAgain() {
        // Given two requests, a broker that fails the first commit, and whose abort then times out three times
        WorkerLoop worker = worker(Duration.ofSeconds(5));
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1", "r-2");
            producer.commitTransactionException = new KafkaException("the results topic refused the answers");
            producer.abortTimeouts = 3;
        });
        consumer.schedulePollTask(() -> {
            producer.commitTransactionException = null;
            addRequests("r-1", "r-2");
        });
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then the abort completes, and each request is answered exactly once, in the next transaction
        assertThat(producer.abortAttempts).isEqualTo(4);
        assertThat(resultKeys()).containsExactly("r-1", "r-2");
        assertThat(committedOffsets()).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(2)));
        assertThat(fatal).isFalse();
    }

    @Test
    void aStopWhileTheCommitTimesOutLeavesTheTransactionToTheBroker() {
        // Given a commit that never completes, and a stop asked for while it is being repeated
        WorkerLoop worker = worker(Duration.ofSeconds(5));
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1");
            producer.commitTimeouts = Integer.MAX_VALUE;
            producer.onCommitTimeout = worker::stop;
        });

        // When the loop runs
        worker.run();

        // Then it stops without aborting (Kafka forbids an abort after a commit timed out) and without a fatal error
        assertThat(producer.commitAttempts).isEqualTo(1);
        assertThat(producer.abortAttempts).isZero();
        assertThat(resultKeys()).isEmpty();
        assertThat(producer.closed()).isTrue();
        assertThat(fatal).isFalse();
    }

    @Test
    void aTransactionStopsTakingRecordsOnceItsTimeBudgetIsSpent() {
        // Given three requests and no time budget: every transaction answers one record
        WorkerLoop worker = worker(Duration.ZERO);
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
        WorkerLoop worker = worker(Duration.ofSeconds(5));
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
        WorkerLoop worker = worker(Duration.ofSeconds(5));
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

    @Test
    void recordsOfAPartitionRevokedDuringThePollAreLeftToItsNewOwner() {
        // Given a poll that returns records of partitions 0 and 1 while, in the same poll, partition 1
        // is revoked and the member moves from epoch 1 to 2 (a race of Kafka's consumer, KAFKA-20332)
        WorkerLoop worker = worker(Duration.ofSeconds(5));
        TopicPartition revoked = new TopicPartition(SOURCE, 1);
        consumer.schedulePollTask(() -> {
            assign(PARTITION, revoked);
            addRequests(0, "r-1", "r-2");
            addRequests(1, "moved-1");
            consumer.afterPoll = () -> {
                consumer.rebalance(List.of(PARTITION));
                consumer.epoch = 2;
            };
        });
        consumer.schedulePollTask(() -> addRequests(0, "r-1", "r-2"));
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then only the partition still held is answered, once, under epoch 2
        assertThat(resultKeys()).containsExactly("r-1", "r-2");
        assertThat(producer.offsetEpochs).containsExactly(2);
        assertThat(committedOffsets()).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(2)));
        assertThat(fatal).isFalse();
    }

    @Test
    void answersOfAPartitionRevokedMidTransactionAreAbortedAndAnsweredAgain() {
        // Given a revocation that completes while the worker computes (the consumer's background
        // thread moves the member to epoch 2), and a broker that refuses offsets of an older epoch
        WorkerLoop worker = worker(Duration.ofSeconds(5));
        revokeDuringTheFirstAnswers(worker, "r-1", "r-2");

        // When the loop runs
        worker.run();

        // Then the offsets went out under the epoch of the poll, the broker refused them, and the
        // answers committed are those of the retry under epoch 2, once each
        assertThat(producer.offsetEpochs).containsExactly(1, 2);
        assertThat(resultKeys()).containsExactly("r-1", "r-2");
        assertThat(committedOffsets()).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(2)));
        assertThat(fatal).isFalse();
    }

    @Test
    void atLeastOnceCommitsNoOffsetPastAnAnswerThatFailedToSend() {
        // Given two requests, and a broker that fails the first answer's write
        WorkerLoop worker = worker(Duration.ofSeconds(5), Delivery.AT_LEAST_ONCE);
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1", "r-2");
            producer.failNextFlush = new KafkaException("the broker went away");
        });
        consumer.schedulePollTask(() -> addRequests("r-1", "r-2"));
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then the poll is answered again, and only its acknowledged answers commit the offsets, without a transaction
        assertThat(resultKeys()).containsExactly("r-1", "r-2", "r-1", "r-2");
        assertThat(consumer.commits).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(2)));
        assertThat(committedOffsets()).isEmpty();
        assertThat(producer.transactionInitialized()).isFalse();
        assertThat(fatal).isFalse();
    }

    @Test
    void atLeastOnceStillCommitsTheAnsweredPollWhenStoppedDuringIt() {
        // Given a stop that arrives while the worker computes, so the consumer's next blocking call is woken up
        WorkerLoop worker = worker(Duration.ofSeconds(5), Delivery.AT_LEAST_ONCE);
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1");
            duringCalculation = () -> {
                worker.stop();
                consumer.wakeUpNextCommit = true;
            };
        });

        // When the loop runs
        worker.run();

        // Then the answer it sent has its offset committed before the worker stops
        assertThat(resultKeys()).containsExactly("r-1");
        assertThat(consumer.commits).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(1)));
        assertThat(fatal).isFalse();
    }

    @Test
    void atLeastOnceCommitsNoOffsetOnceTheMemberEpochMovedDuringThePoll() {
        // Given a revocation that completes while the worker computes (the member moves to epoch 2)
        WorkerLoop worker = worker(Duration.ofSeconds(5), Delivery.AT_LEAST_ONCE);
        revokeDuringTheFirstAnswers(worker, "r-1", "r-2");

        // When the loop runs
        worker.run();

        // Then the first answers' offsets are never committed (a new owner may be past them); the
        // records are answered again and committed under epoch 2
        assertThat(resultKeys()).containsExactly("r-1", "r-2", "r-1", "r-2");
        assertThat(consumer.commits).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(2)));
        assertThat(fatal).isFalse();
    }

    @Test
    void aPartitionMovedAfterTheCommitIsNotSoughtByTheOldOwner() {
        // Given no time budget, so a poll of two records leaves one for the next transaction, and a
        // revocation of the partition right after the first transaction's commit
        WorkerLoop worker = worker(Duration.ZERO);
        consumer.schedulePollTask(() -> {
            assign();
            addRequests("r-1", "r-2");
            producer.afterCommit = () -> consumer.rebalance(List.of());
        });
        consumer.schedulePollTask(worker::stop);

        // When the loop runs
        worker.run();

        // Then the worker goes on (a seek of a partition it no longer holds would stop it), having
        // answered only what it committed
        assertThat(fatal).isFalse();
        assertThat(resultKeys()).containsExactly("r-1");
        assertThat(committedOffsets()).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(1)));
    }

    /** Requests whose first answering sees the member move to epoch 2, as a revocation does; then they come again. */
    private void revokeDuringTheFirstAnswers(WorkerLoop worker, String... ids) {
        duringCalculation = () -> consumer.epoch = 2;
        consumer.schedulePollTask(() -> {
            assign();
            addRequests(ids);
        });
        consumer.schedulePollTask(() -> {
            duringCalculation = () -> { };
            addRequests(ids);
        });
        consumer.schedulePollTask(worker::stop);
    }

    private WorkerLoop worker(Duration maxTransactionTime) {
        return worker(maxTransactionTime, Delivery.EXACTLY_ONCE);
    }

    private WorkerLoop worker(Duration maxTransactionTime, Delivery delivery) {
        Calculator add = new Calculator() {
            @Override
            public Operation operation() {
                return Operation.ADD;
            }

            @Override
            public long calculate(long a, long b) {
                duringCalculation.run();
                return a + b;
            }
        };
        RequestHandler handler = new RequestHandler(add, new WorkerIdentity("add-worker", "v1", "add-worker-1"),
                TOPICS, Clock.systemUTC());
        return new WorkerLoop(consumer, producer, handler, new WorkerMetrics(new SimpleMeterRegistry()),
                new WorkerLoop.Settings(SOURCE, TOPICS, Duration.ofMillis(10), maxTransactionTime, delivery),
                () -> fatal.set(true));
    }

    private void assign(TopicPartition... partitions) {
        List<TopicPartition> assigned = partitions.length == 0 ? List.of(PARTITION) : List.of(partitions);
        consumer.rebalance(assigned);
        for (TopicPartition partition : assigned) {
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            consumer.seek(partition, 0);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
        }
        consumer.commits.clear();
    }

    private void addRequests(String... ids) {
        addRequests(0, ids);
    }

    private void addRequests(int partition, String... ids) {
        for (int offset = 0; offset < ids.length; offset++) {
            String json = "{\"requestId\":\"" + ids[offset] + "\",\"operation\":\"add\",\"a\":1,\"b\":2}";
            consumer.addRecord(new ConsumerRecord<>(SOURCE, partition, offset, ids[offset],
                    json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private List<String> resultKeys() {
        return producer.history().stream().map(ProducerRecord::key).toList();
    }

    private List<Map<TopicPartition, OffsetAndMetadata>> committedOffsets() {
        return producer.consumerGroupOffsetsHistory().stream()
                .flatMap(byGroup -> byGroup.values().stream()).toList();
    }

    /**
     * A consumer whose member epoch the test moves, as a rebalance does, also in the middle of a
     * poll; it keeps the offsets the loop commits itself, and can be woken up in a commit as Kafka's is.
     */
    private static final class GroupMember extends MockConsumer<String, byte[]> {
        final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
        volatile int epoch = 1;
        volatile boolean wakeUpNextCommit;
        Runnable afterPoll = () -> { };

        GroupMember() {
            super("earliest");
        }

        @Override
        public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
            ConsumerRecords<String, byte[]> records = super.poll(timeout);
            afterPoll.run();
            afterPoll = () -> { };
            return records;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (wakeUpNextCommit) {
                wakeUpNextCommit = false;
                throw new WakeupException();
            }
            commits.add(Map.copyOf(offsets));
            super.commitSync(offsets);
        }

        @Override
        public ConsumerGroupMetadata groupMetadata() {
            return new ConsumerGroupMetadata("add-worker", epoch, "member-1", Optional.empty());
        }
    }

    /**
     * Refuses offsets sent under an epoch that is not the member's current one, as the group
     * coordinator does; can fail the write of the next record a flush waits for, and time out commits and aborts.
     */
    private static final class EpochCheckingProducer extends MockProducer<String, byte[]> {
        final List<Integer> offsetEpochs = new ArrayList<>();
        private final GroupMember member;
        RuntimeException failNextFlush;
        Runnable afterCommit = () -> { };
        int commitTimeouts;
        int abortTimeouts;
        int commitAttempts;
        int abortAttempts;
        Runnable onCommitTimeout = () -> { };

        EpochCheckingProducer(GroupMember member) {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
            this.member = member;
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                ConsumerGroupMetadata groupMetadata) {
            offsetEpochs.add(groupMetadata.generationId());
            if (groupMetadata.generationId() != member.epoch) {
                throw new CommitFailedException("the member epoch " + groupMetadata.generationId() + " is stale");
            }
            super.sendOffsetsToTransaction(offsets, groupMetadata);
        }

        @Override
        public synchronized void commitTransaction() {
            commitAttempts++;
            if (commitTimeouts > 0) {
                commitTimeouts--;
                onCommitTimeout.run();
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(COMMIT)");
            }
            super.commitTransaction();
            afterCommit.run();
            afterCommit = () -> { };
        }

        @Override
        public synchronized void abortTransaction() {
            abortAttempts++;
            if (abortTimeouts > 0) {
                abortTimeouts--;
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(ABORT)");
            }
            super.abortTransaction();
        }

        @Override
        public synchronized void flush() {
            if (failNextFlush != null) {
                errorNext(failNextFlush);
                failNextFlush = null;
            }
            super.flush();
        }
    }
}
