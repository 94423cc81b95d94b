package calc.worker;

import calc.contract.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-process-write loop: the answers to every record of one poll and the consumer's new
 * offsets go to Kafka together, as its {@link Delivery} says; exactly-once (the default) commits
 * them in one transaction, so each request record yields exactly one committed answer, even when
 * an instance dies or partitions move between instances: the offsets carry the member epoch of
 * the poll that fetched the records, and the group coordinator refuses them once that epoch has
 * moved, as it does when this member gives up a partition.
 */
public final class WorkerLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final RequestHandler handler;
    private final WorkerMetrics metrics;
    private final Settings settings;
    private final Runnable onFatalError;
    private volatile boolean running = true;
    private volatile List<Integer> partitions = List.of();

    public WorkerLoop(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            RequestHandler handler, WorkerMetrics metrics, Settings settings, Runnable onFatalError) {
        this.consumer = consumer;
        this.producer = producer;
        this.handler = handler;
        this.metrics = metrics;
        this.settings = settings;
        this.onFatalError = onFatalError;
    }

    /**
     * @param sourceTopic the request topic this worker answers
     * @param topics where answers go
     * @param pollTimeout the longest one poll waits
     * @param maxTransactionTime after this long a transaction takes no more records; keep it well
     *     under the producer's transaction.timeout.ms
     * @param delivery how answers and offsets reach Kafka; the producer must be transactional for exactly-once
     */
    public record Settings(String sourceTopic, Topics topics, Duration pollTimeout, Duration maxTransactionTime,
            Delivery delivery) {
    }

    /** The partitions this member holds, as of its last poll; empty until it has joined the group. */
    public List<Integer> partitions() {
        return partitions;
    }

    /** Asks the loop to finish the transaction in flight and stop; safe from any thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            if (settings.delivery().transactional()) {
                // Fences an earlier incarnation of this instance and aborts its open transaction.
                producer.initTransactions();
            }
            consumer.subscribe(List.of(settings.sourceTopic()));
            while (running) {
                processOnePoll();
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            if (running) {
                fail(e);
            } else {
                // A stop cut short a call that was waiting for Kafka; the broker aborts a transaction left open at its timeout.
                log.warn("Stopped while waiting for Kafka: {}", reason(e));
            }
        } finally {
            partitions = List.of();
            closeClients();
        }
    }

    private void processOnePoll() {
        // The offsets go to the broker under the member epoch held before the poll: it accepts them
        // only if this member has not given up any partition since, so records of a partition that
        // has moved to another member (in flight while its revocation completed) are never committed.
        ConsumerGroupMetadata epoch = consumer.groupMetadata();
        ConsumerRecords<String, byte[]> records;
        try {
            records = consumer.poll(settings.pollTimeout());
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).startsWith("No current assignment for partition")) {
                throw e;
            }
            // The consumer raced with a reassignment of the partition it was fetching. No
            // transaction is open during a poll, so the next poll simply starts again.
            log.warn("Poll raced with a partition reassignment, polling again: {}", e.getMessage());
            return;
        }
        partitions = consumer.groupMetadata().generationId() > 0
                ? consumer.assignment().stream().map(TopicPartition::partition).sorted().toList()
                : List.of();
        if (records.isEmpty()) {
            return;
        }
        if (!epoch.equals(consumer.groupMetadata())) {
            // The assignment changed during this poll; its records are fetched again under the new epoch.
            rewindToCommitted();
            return;
        }
        long started = System.nanoTime();
        WorkerMetrics.Tally tally = new WorkerMetrics.Tally();
        Delivery delivery = settings.delivery();
        try {
            delivery.begin(producer);
            Delivery.SendErrors errors = new Delivery.SendErrors();
            Map<TopicPartition, OffsetAndMetadata> answered = answer(records, started, tally, errors);
            delivery.complete(producer, consumer, answered, epoch, errors, this::isRunning);
            metrics.committed(tally, System.nanoTime() - started);
            seekToUnanswered(records, answered);
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException
                | AuthorizationException | UnsupportedVersionException e) {
            // Another instance owns this transactional.id or the cluster refuses us: continuing could duplicate answers.
            throw e;
        } catch (KafkaException e) {
            // No offset of this poll is committed; read the same records again from the committed offsets.
            log.warn("Answers not committed, rewinding to the committed offsets: {}", reason(e));
            delivery.abort(producer, this::isRunning);
            metrics.aborted();
            rewindToCommitted();
        }
    }

    /**
     * Answers records in order until the transaction has run for its time budget, so that slow
     * requests can never keep a transaction open past the broker's transaction timeout.
     * Returns the next offset of every partition with answered records.
     */
    private Map<TopicPartition, OffsetAndMetadata> answer(
            ConsumerRecords<String, byte[]> records, long started, WorkerMetrics.Tally tally,
            Delivery.SendErrors errors) {
        long deadline = started + settings.maxTransactionTime().toNanos();
        Map<TopicPartition, OffsetAndMetadata> answered = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!answered.isEmpty() && System.nanoTime() - deadline > 0) {
                break;
            }
            RequestHandler.Answer answer = handler.handle(record);
            answer.records(settings.topics()).forEach(answerRecord -> producer.send(answerRecord, errors));
            tally.count(answer);
            answered.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        return answered;
    }

    /** Records of this poll left for the next transaction are fetched again from where the answers stopped. */
    private void seekToUnanswered(ConsumerRecords<String, byte[]> records,
            Map<TopicPartition, OffsetAndMetadata> answered) {
        Set<TopicPartition> assignment = consumer.assignment();
        for (TopicPartition partition : records.partitions()) {
            if (!assignment.contains(partition)) {
                // Moved to another member since the poll; it starts from the committed offset.
                continue;
            }
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            long end = inPartition.get(inPartition.size() - 1).offset() + 1;
            OffsetAndMetadata next = answered.get(partition);
            long resumeAt = next != null ? next.offset() : inPartition.get(0).offset();
            if (resumeAt < end) {
                consumer.seek(partition, resumeAt);
            }
        }
    }

    /** The exception and its first cause: a transaction in an error state names what put it there only as the cause. */
    private static String reason(RuntimeException e) {
        return e.getCause() == null || e.getCause() == e ? e.toString() : e + ", caused by " + e.getCause();
    }

    private void rewindToCommitted() {
        Set<TopicPartition> assignment = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment);
        for (TopicPartition partition : assignment) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private boolean isRunning() {
        return running;
    }

    private void fail(RuntimeException e) {
        if (e instanceof AuthorizationException) {
            // The usual cause is a wrong user or missing ACLs: say which, without a stack trace to dig through.
            log.error("Kafka refused this worker: {} ({}). Its user needs READ on {}, WRITE on the results and "
                    + "dead-letter topics and on transactional ids that start with its service name "
                    + "(docs/operations.md#security); "
                    + "the instance shuts down", e.getMessage(), e.getClass().getSimpleName(), settings.sourceTopic());
        } else {
            log.error("Worker loop stopped by a fatal error; the instance shuts down", e);
        }
        running = false;
        onFatalError.run();
    }

    private void closeClients() {
        try {
            producer.close(Duration.ofSeconds(5));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
