package calc.aggregator;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.Operation;
import calc.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes test data the way real clients do: plain producers for requests, a transactional one for results. */
final class KafkaWriter implements AutoCloseable {
    private static final Topics TOPICS = Topics.defaults();
    private final KafkaProducer<String, byte[]> plain;
    private final KafkaProducer<String, byte[]> transactional;

    KafkaWriter(String bootstrapServers) {
        plain = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        transactional = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-worker"), new StringSerializer(), new ByteArraySerializer());
        transactional.initTransactions();
    }

    /** A request as JSON text; {@code key} may be null, as from Kafka's console producer. */
    void request(Operation operation, String key, String json) throws Exception {
        plain.send(new ProducerRecord<>(TOPICS.requests(operation).name(), key, json.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    /** Requests as JSON text by key, sent together and all acknowledged before this returns. */
    void requests(Operation operation, Map<String, String> jsonByKey) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        jsonByKey.forEach((key, json) -> sent.add(plain.send(new ProducerRecord<>(TOPICS.requests(operation).name(),
                key, json.getBytes(StandardCharsets.UTF_8)))));
        plain.flush();
        for (Future<RecordMetadata> ack : sent) {
            ack.get();
        }
    }

    void deadLetter(String key, String original) throws Exception {
        plain.send(new ProducerRecord<>(TOPICS.deadLetters(), key, original.getBytes(StandardCharsets.UTF_8))).get();
    }

    /** Results written in one committed transaction, as a worker does. */
    void committedResults(List<CalculationResult> results) {
        transactional.beginTransaction();
        results.forEach(this::sendResult);
        transactional.commitTransaction();
    }

    /** Results written and then aborted: a read_committed reader must never see them. */
    void abortedResults(List<CalculationResult> results) {
        transactional.beginTransaction();
        results.forEach(this::sendResult);
        transactional.flush();
        transactional.abortTransaction();
    }

    private void sendResult(CalculationResult result) {
        transactional.send(new ProducerRecord<>(TOPICS.results(), result.requestId(), CalcJson.toBytes(result)));
    }

    @Override
    public void close() {
        plain.close();
        transactional.close();
    }
}
