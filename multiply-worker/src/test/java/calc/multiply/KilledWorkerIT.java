package calc.multiply;

import static calc.worker.testkit.KafkaTestKit.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.worker.testkit.KafkaTestKit;
import calc.worker.testkit.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two multiply-worker processes share the requests; one is killed with SIGKILL in the middle of
 * the stream and a new instance replaces it. Exactly-once: every request record has exactly one
 * committed result. At-least-once: every request record has a result, some perhaps two.
 */
class KilledWorkerIT {
    private static final int REQUESTS = 30_000;
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path state;
    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    @Test
    void exactlyOnceLeavesNeitherGapsNorDuplicates() {
        // Given a backlog of requests and two exactly-once worker instances answering them in small transactions
        // When one instance is killed mid-stream and a fresh one takes its place
        Map<String, List<CalculationResult>> byId = answersAfterAKill("exactly-once");

        // Then every request has exactly one committed result, and it is right
        assertThat(byId).hasSize(REQUESTS);
        assertThat(byId.values()).allSatisfy(answers -> assertThat(answers).hasSize(1));
        assertAnsweredRightByEveryInstance(byId);
    }

    @Test
    void atLeastOnceLeavesNoGaps() {
        // Given the same backlog and two at-least-once worker instances
        // When one instance is killed mid-stream and a fresh one takes its place
        Map<String, List<CalculationResult>> byId = answersAfterAKill("at-least-once");

        // Then every request has a result and any repeat is the same answer; repeats come only from
        // polls answered but not committed (the killed one's last, those cut by a rebalance), 20 records at most each
        assertThat(byId).hasSize(REQUESTS);
        assertAnsweredRightByEveryInstance(byId);
        long repeats = byId.values().stream().mapToLong(answers -> answers.size() - 1).sum();
        assertThat(repeats).isLessThanOrEqualTo(20L * TOPICS.requestPartitions());
    }

    private Map<String, List<CalculationResult>> answersAfterAKill(String delivery) {
        KafkaTestKit clients = new KafkaTestKit(workers.startBroker(state).bootstrapServers());
        String topic = TOPICS.requests(Operation.MULTIPLY).name();
        List<Map.Entry<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(Map.entry("eo-" + i, request("eo-" + i, "multiply", i, 3)));
        }
        clients.send(topic, requests);
        ServiceProcess doomed = worker("eo-a", delivery);
        worker("eo-b", delivery);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> clients.committedCount("multiply-worker", topic) >= REQUESTS / 10);
        doomed.kill();
        long committedAtKill = clients.committedCount("multiply-worker", topic);
        worker("eo-c", delivery);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> clients.committedCount("multiply-worker", topic) == REQUESTS);
        workers.stopWorkers();

        assertThat(committedAtKill).isLessThan(REQUESTS);
        assertThat(state.resolve("eo-c.log")).content().contains(delivery.toUpperCase().replace('-', '_'));
        return clients.readCommitted(TOPICS.results()).stream()
                .map(r -> CalcJson.fromBytes(r.value().getBytes(), CalculationResult.class))
                .collect(Collectors.groupingBy(CalculationResult::requestId));
    }

    private static void assertAnsweredRightByEveryInstance(Map<String, List<CalculationResult>> byId) {
        assertThat(byId.values()).allSatisfy(answers -> assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.result()).isEqualTo(answer.a() * 3)));
        Set<String> instances = byId.values().stream().map(answers -> answers.get(0).worker().instance())
                .collect(Collectors.toSet());
        assertThat(instances).contains("eo-a", "eo-b", "eo-c");
    }

    private ServiceProcess worker(String instance, String delivery) {
        return workers.start(instance, "--calc.worker.max-poll-records=20", "--calc.worker.delivery=" + delivery);
    }

}
