package calc.bench;

import calc.contract.CalcJson;
import calc.contract.CalculationRequest;
import calc.contract.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes multiply requests as the contract defines them (JSON, keyed by requestId, submittedAt
 * stamped at send), as fast as the producer takes them or at a fixed rate. Request ids are
 * {@code <batchId>-<n>}, so a reader can tell exactly which ones came back.
 */
final class RequestFeed implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    RequestFeed(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "calc-bench-feed"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code count} requests without pause; returns once the broker acknowledged all of them. */
    void burst(String topic, String batchId, int count) {
        for (int n = 0; n < count; n++) {
            send(topic, batchId, n);
        }
        flush();
    }

    /** Sends at {@code rate} requests per second for {@code length}; returns how many were sent. */
    int paced(String topic, String batchId, int rate, Duration length) {
        long start = System.nanoTime();
        int count = (int) (rate * length.toMillis() / 1000);
        for (int n = 0; n < count; n++) {
            long due = start + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(topic, batchId, n);
        }
        flush();
        return count;
    }

    private void send(String topic, String batchId, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String requestId = batchId + "-" + n;
        CalculationRequest request = new CalculationRequest(requestId, Operation.MULTIPLY,
                random.nextLong(-1000, 1001), random.nextLong(-1000, 1001), batchId, Instant.now());
        producer.send(new ProducerRecord<>(topic, requestId, CalcJson.toBytes(request)), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a benchmark request was not published", failure.get());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
