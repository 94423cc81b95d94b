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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results topic that cannot take the worker's answers for a while, on a real broker: the
 * worker's transactions abort, no offset passes an unanswered request, and once the topic takes
 * writes again every request has exactly one result, without a restart.
 */
class ResultsTopicOutageIT {
    private static final Topics TOPICS = Topics.defaults();
    private static final String REQUESTS = TOPICS.requests(Operation.MULTIPLY).name();
    private static final String GROUP = "multiply-worker";

    @TempDir
    Path state;
    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    @Test
    void aResultsTopicThatRefusesTheAnswersAbortsThemUntilItTakesThemAgain() throws Exception {
        // Given a worker that has answered 500 requests
        ServiceProcess worker = startKafkaAndWorker("refused-a");
        KafkaTestKit clients = new KafkaTestKit(workers.kafka().bootstrapServers());
        clients.send(REQUESTS, requests(0, 500));
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.committedCount(GROUP, REQUESTS) == 500);

        // When the results topic refuses every answer and 500 more arrive: no batch may exceed 100 bytes,
        // less than any answer, more than the 78-byte markers the broker writes to end a transaction
        // (a marker it cannot write is fatal to its transaction coordinator and leaves the transaction hanging)
        setTopicConfig(TOPICS.results(), "max.message.bytes", "100");
        awaitRefusal(TOPICS.results());
        clients.send(REQUESTS, requests(500, 1_000));

        // Then the worker aborts, its log names the refusal, and it commits no offset past the unanswered requests
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> worker.log().contains("Answers not committed, rewinding to the committed offsets"));
        assertThat(worker.log()).containsAnyOf("MESSAGE_TOO_LARGE", "RecordTooLargeException");
        assertThat(clients.committedCount(GROUP, REQUESTS)).isEqualTo(500);
        System.out.println(ResultBooks.exactlyOneResultEach(clients, TOPICS, 500));

        // And once the topic takes them again, every request has exactly one result
        setTopicConfig(TOPICS.results(), "max.message.bytes", Integer.toString(1024 * 1024));
        awaitAllCommitted(clients, worker, 1_000);
        System.out.println(ResultBooks.exactlyOneResultEach(clients, TOPICS, 1_000));
        assertThat(worker.isAlive()).isTrue();
    }

    private ServiceProcess startKafkaAndWorker(String instance) {
        workers.startBroker(state);
        // The producer splits a refused batch and tries again until its delivery timeout (Kafka's 120 s) before
        // it gives up, so this worker gives up after 10 s
        return workers.start(instance, "--calc.kafka.properties[delivery.timeout.ms]=10000",
                "--calc.kafka.properties[request.timeout.ms]=5000");
    }

    private static void awaitAllCommitted(KafkaTestKit clients, ServiceProcess worker, int requests) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(clients.committedCount(GROUP, REQUESTS))
                        .as("committed offsets; the worker alive: %s", worker.isAlive()).isEqualTo(requests));
    }

    /** Sets one config of the topic and returns once the broker describes it so. */
    private void setTopicConfig(String topic, String name, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", workers.kafka().bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(
                    new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeConfigs(List.of(resource)).all()
                    .get(30, TimeUnit.SECONDS).get(resource).get(name).value().equals(value));
        }
    }

    /**
     * Returns once the topic refuses a 100-byte record: the broker's log layer applies a new topic
     * config a moment after its metadata shows it. Probes written before that are keyed "probe".
     */
    private void awaitRefusal(String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", workers.kafka().bootstrapServers(), "acks", "all",
                "enable.idempotence", false, "retries", 0);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    producer.send(new ProducerRecord<>(topic, "probe", "x".repeat(100))).get();
                    return false;
                } catch (ExecutionException e) {
                    return e.getCause() instanceof RecordTooLargeException;
                }
            });
        }
    }

    private static List<Map.Entry<String, String>> requests(int from, int to) {
        List<Map.Entry<String, String>> requests = new ArrayList<>();
        for (int i = from; i < to; i++) {
            requests.add(Map.entry("outage-" + i, request("outage-" + i, "multiply", i, 3)));
        }
        return requests;
    }
}
