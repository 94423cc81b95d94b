package calc.multiply;

import static calc.worker.testkit.KafkaTestKit.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.Operation;
import calc.contract.Topics;
import calc.worker.testkit.KafkaTestKit;
import calc.worker.testkit.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker does to a worker process, and that nothing is lost by it: a restart of the
 * broker under load. Every request record is accounted for by exactly one committed result.
 */
class BrokerRestartIT {
    private static final Topics TOPICS = Topics.defaults();
    private static final String REQUESTS = TOPICS.requests(Operation.MULTIPLY).name();

    @TempDir
    Path state;
    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    @Test
    void aBrokerRestartUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
        // Given a worker answering a steady stream of requests
        KafkaTestKit clients = new KafkaTestKit(workers.startBroker(state).bootstrapServers());
        ServiceProcess worker = workers.start("restart-a");
        int requests = 12_000;
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> sendPaced(requests, 1_000));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> clients.committedCount("multiply-worker", REQUESTS) >= 2_000);

        // When the broker stops and starts again on the same ports and data
        workers.restartBroker();

        // Then the producer and the worker reconnect by themselves and every request has exactly one result
        sent.get(120, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> clients.committedCount("multiply-worker", REQUESTS) == requests);
        System.out.println(ResultBooks.exactlyOneResultEach(clients, TOPICS, requests));
        assertThat(worker.isAlive()).isTrue();
    }

    /** Sends requests at a steady rate through one idempotent producer that rides out a broker restart. */
    private void sendPaced(int count, int perSecond) {
        Map<String, Object> config = Map.of("bootstrap.servers", workers.kafka().bootstrapServers(), "linger.ms", 5,
                "enable.idempotence", true, "acks", "all");
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>(REQUESTS, "br-" + i, request("br-" + i, "multiply", i, 3))));
                // Pacing, not waiting for a condition: the stream must still be flowing when the broker goes.
                LockSupport.parkNanos(start + i * 1_000_000_000L / perSecond - System.nanoTime());
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a request was not acknowledged", e);
        }
    }
}
