package calc.bench;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a results topic as any client would (read_committed, from its end at the time of
 * {@link #start}) and keeps, for one batch, how many results each request got and the latency from
 * submittedAt to the moment the result became readable here.
 */
final class ResultWatch implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String batchId;
    private final Map<String, Integer> perRequest = new HashMap<>();
    private final LongList latencies = new LongList();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long lastSeenNanos;
    private volatile RuntimeException failure;

    private ResultWatch(String bootstrap, String topic, String batchId) {
        this.batchId = batchId;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "calc-bench-watch"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::readUntilClosed, "calc-bench-watch");
    }

    /** Starts reading at the current end of the topic; results of the batch published after this are seen. */
    static ResultWatch start(String bootstrap, String topic, String batchId) {
        ResultWatch watch = new ResultWatch(bootstrap, topic, batchId);
        watch.thread.start();
        return watch;
    }

    private void readUntilClosed() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    CalculationResult result = CalcJson.fromBytes(record.value(), CalculationResult.class);
                    if (batchId.equals(result.batchId())) {
                        record(result, now);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked the poll to return
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void record(CalculationResult result, long now) {
        if (perRequest.merge(result.requestId(), 1, Integer::sum) == 1 && result.submittedAt() != null) {
            latencies.add(now - result.submittedAt().toEpochMilli());
        }
        lastSeenNanos = System.nanoTime();
    }

    /** Waits until every one of {@code expected} requests has a result, or the results stop coming for {@code quiet}. */
    void awaitAll(int expected, Duration quiet) {
        lastSeenNanos = System.nanoTime();
        Waiting.until(() -> distinct() >= expected || System.nanoTime() - lastSeenNanos > quiet.toNanos()
                || failure != null);
        failIfStopped();
    }

    /** Results seen so far; fails if the watch stopped reading. */
    int seen() {
        failIfStopped();
        return distinct();
    }

    private void failIfStopped() {
        if (failure != null) {
            throw new IllegalStateException("the results watch stopped reading", failure);
        }
    }

    synchronized int distinct() {
        return perRequest.size();
    }

    /** Results beyond the first of their request. */
    synchronized long duplicates() {
        return perRequest.values().stream().mapToLong(count -> count - 1).sum();
    }

    /** How many of the {@code sent} requests of the batch have no result. */
    synchronized long missing(int sent) {
        return sent - perRequest.size();
    }

    synchronized Percentiles latency() {
        return Percentiles.of(latencies.toArray());
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
