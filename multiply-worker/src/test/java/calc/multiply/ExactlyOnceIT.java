package calc.multiply;

import static calc.worker.testkit.KafkaTestKit.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import calc.worker.testkit.KafkaTestKit;
import calc.worker.testkit.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two multiply-worker processes share the requests; one is killed with SIGKILL in the middle of
 * the stream and a new instance replaces it. Every request record must have exactly one
 * committed result.
 */
class ExactlyOnceIT {
    private static final int REQUESTS = 30_000;
    private static final Topics TOPICS = Topics.defaults();
    private static final Path JAR = Path.of("target", "multiply-worker.jar");

    @TempDir
    Path state;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private LocalKafka kafka;

    @AfterEach
    void stopEverything() {
        processes.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aKilledWorkerLeavesNeitherGapsNorDuplicates() {
        // Given a backlog of requests and two worker instances answering them in small transactions
        kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
        KafkaTestKit clients = new KafkaTestKit(kafka.bootstrapServers());
        String topic = TOPICS.requests(Operation.MULTIPLY).name();
        List<Map.Entry<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(Map.entry("eo-" + i, request("eo-" + i, "multiply", i, 3)));
        }
        clients.send(topic, requests);
        ServiceProcess doomed = worker("eo-a");
        worker("eo-b");

        // When one instance is killed mid-stream and a fresh one takes its place
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> clients.committedCount("multiply-worker", topic) >= REQUESTS / 10);
        doomed.kill();
        long committedAtKill = clients.committedCount("multiply-worker", topic);
        worker("eo-c");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> clients.committedCount("multiply-worker", topic) == REQUESTS);
        processes.forEach(ServiceProcess::close);

        // Then every request has exactly one committed result, and it is right
        List<ConsumerRecord<String, String>> results = clients.readCommitted(TOPICS.results());
        Map<String, List<CalculationResult>> byId = results.stream()
                .map(r -> CalcJson.fromBytes(r.value().getBytes(), CalculationResult.class))
                .collect(Collectors.groupingBy(CalculationResult::requestId));
        assertThat(committedAtKill).isLessThan(REQUESTS);
        assertThat(results).hasSize(REQUESTS);
        assertThat(byId).hasSize(REQUESTS);
        assertThat(byId.values()).allSatisfy(answers -> {
            CalculationResult answer = answers.get(0);
            assertThat(answer.result()).isEqualTo(answer.a() * 3);
        });
        Set<String> instances = byId.values().stream().map(answers -> answers.get(0).worker().instance())
                .collect(Collectors.toSet());
        assertThat(instances).contains("eo-a", "eo-b", "eo-c");
    }

    private ServiceProcess worker(String instance) {
        ServiceProcess process = ServiceProcess.start(JAR, state.resolve(instance + ".log"),
                "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--calc.worker.instance-id=" + instance,
                "--calc.worker.max-poll-records=20",
                "--server.port=0");
        processes.add(process);
        return process;
    }

}
