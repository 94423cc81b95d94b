package calc.bench;

import calc.contract.CalcJson;
import calc.contract.CalculationRequest;
import calc.contract.CalculationResult;
import calc.contract.WorkerIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The yardstick: what a user would write instead of a calc worker. Kafka's own
 * ExactlyOnceMessageProcessor loop (poll, begin, send, send offsets, commit) on the same JSON
 * messages, with no validation, correlation, metrics or health; or, with exactly-once off, the
 * at-least-once loop (send, flush, commit offsets). Like Kafka's example it aborts and reads again
 * when a commit fails (a rebalance), and stops when fenced; nothing more, as it only ever runs
 * against a healthy local broker.
 */
final class HandWrittenLoop implements Runnable {
    private static final WorkerIdentity IDENTITY = new WorkerIdentity("hand-written", "v1", "hand-written");

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final String source;
    private final String target;
    private final boolean exactlyOnce;
    private final AtomicLong answered;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile RuntimeException failure;

    HandWrittenLoop(String bootstrap, String group, String instance, String source, String target,
            boolean exactlyOnce, AtomicLong answered) {
        this.source = source;
        this.target = target;
        this.exactlyOnce = exactlyOnce;
        this.answered = answered;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerProps = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5));
        if (exactlyOnce) {
            producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-" + instance);
        }
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    }

    /** Whether the group gives this loop partitions, as of its last poll. */
    boolean assigned() {
        return assigned;
    }

    /** What stopped the loop before it was asked to stop, if anything did. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void run() {
        try {
            if (exactlyOnce) {
                producer.initTransactions();
            }
            consumer.subscribe(List.of(source));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                assigned = !consumer.assignment().isEmpty();
                if (!records.isEmpty()) {
                    answer(records);
                }
            }
        } catch (WakeupException e) {
            // stop() asked the poll to return
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            producer.close(Duration.ofSeconds(5));
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void answer(ConsumerRecords<String, byte[]> records) {
        if (!exactlyOnce) {
            answerAtLeastOnce(records);
            return;
        }
        producer.beginTransaction();
        try {
            producer.sendOffsetsToTransaction(send(records), consumer.groupMetadata());
            producer.commitTransaction();
            answered.addAndGet(records.count());
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            // As Kafka's example does: a rebalance moved the epoch, so the answers are aborted and read again.
            producer.abortTransaction();
            rewindToCommitted();
        }
    }

    private void answerAtLeastOnce(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = send(records);
        producer.flush();
        consumer.commitSync(offsets);
        answered.addAndGet(records.count());
    }

    private Map<TopicPartition, OffsetAndMetadata> send(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CalculationRequest request = CalcJson.fromBytes(record.value(), CalculationRequest.class);
            CalculationResult result = CalculationResult.ok(request, request.a() * request.b(), IDENTITY, Instant.now());
            producer.send(new ProducerRecord<>(target, record.key(), CalcJson.toBytes(result)));
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return offsets;
    }

    private void rewindToCommitted() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
