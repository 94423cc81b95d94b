package calc.producer.publish;

import calc.contract.CalcJson;
import calc.contract.CalculationRequest;
import calc.contract.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Puts valid requests on the topic of their operation, keyed by requestId, as the contract's
 * request JSON. One instance is shared by the whole process: the Kafka producer is thread-safe
 * and batches best when all sends go through it.
 */
public final class RequestPublisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final Duration closeTimeout;

    public RequestPublisher(Producer<String, byte[]> producer, Topics topics, Duration closeTimeout) {
        this.producer = producer;
        this.topics = topics;
        this.closeTimeout = closeTimeout;
    }

    /** Completes when the broker acknowledged the record, or exceptionally when it cannot be sent. */
    public CompletableFuture<RecordMetadata> publish(CalculationRequest request) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.requests(request.operation()).name(),
                request.requestId(), CalcJson.toBytes(RequestMessage.of(request)));
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acknowledged.completeExceptionally(error);
                } else {
                    acknowledged.complete(metadata);
                }
            });
        } catch (KafkaException e) {
            // send() itself fails when metadata or buffer space does not come in time: same outcome as a failed ack.
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    /** Sends what is buffered now and returns when every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** The producer's own metrics, for the meter registry. */
    public KafkaClientMetrics metrics() {
        return new KafkaClientMetrics(producer);
    }

    @Override
    public void close() {
        producer.close(closeTimeout);
    }
}
