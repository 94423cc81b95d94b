package calc.worker;

import calc.contract.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
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
 * offsets are committed in one Kafka transaction, so each request record yields exactly one
 * committed answer, even when an instance dies or partitions move between instances.
 */
public final class TransactionalWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalWorker.class);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final String sourceTopic;
    private final Topics topics;
    private final RequestHandler handler;
    private final WorkerMetrics metrics;
    private final Duration pollTimeout;
    private final Runnable onFatalError;
    private volatile boolean running = true;
    private volatile List<Integer> partitions = List.of();

    public TransactionalWorker(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer, Topics topics,
            RequestHandler handler, WorkerMetrics metrics, Duration pollTimeout, String sourceTopic,
            Runnable onFatalError) {
        this.consumer = consumer;
        this.producer = producer;
        this.topics = topics;
        this.handler = handler;
        this.metrics = metrics;
        this.pollTimeout = pollTimeout;
        this.sourceTopic = sourceTopic;
        this.onFatalError = onFatalError;
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
            // Fences an earlier incarnation of this instance and aborts its open transaction.
            producer.initTransactions();
            consumer.subscribe(List.of(sourceTopic));
            while (running) {
                processOnePoll();
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            partitions = List.of();
            closeClients();
        }
    }

    private void processOnePoll() {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
        partitions = consumer.groupMetadata().generationId() > 0
                ? consumer.assignment().stream().map(TopicPartition::partition).sorted().toList()
                : List.of();
        if (records.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        WorkerMetrics.Tally tally = new WorkerMetrics.Tally();
        try {
            producer.beginTransaction();
            for (ConsumerRecord<String, byte[]> record : records) {
                RequestHandler.Answer answer = handler.handle(record);
                answer.records(topics).forEach(producer::send);
                tally.count(answer);
            }
            producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
            producer.commitTransaction();
            metrics.committed(tally, System.nanoTime() - started);
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException
                | AuthorizationException | UnsupportedVersionException e) {
            // Another instance owns this transactional.id or the cluster refuses us: continuing could duplicate answers.
            throw e;
        } catch (KafkaException e) {
            // Nothing of this poll is visible downstream; read the same records again from the committed offsets.
            log.warn("Transaction aborted, rewinding to the committed offsets: {}", e.toString());
            producer.abortTransaction();
            metrics.aborted();
            rewindToCommitted();
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
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

    private void fail(RuntimeException e) {
        log.error("Worker loop stopped by a fatal error; the instance shuts down", e);
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
