package calc.multiply;

import static calc.worker.testkit.KafkaTestKit.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.Operation;
import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import calc.localkafka.Security;
import calc.worker.testkit.KafkaTestKit;
import calc.worker.testkit.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secure profile against a broker that authenticates with SASL SCRAM-SHA-512 and authorizes
 * with Kafka's StandardAuthorizer and the services' ACLs: the worker's allowed path works, a
 * worker with the producer's credentials is refused and says why, and no password reaches a log.
 */
class SecureProfileIT {
    private static final Topics TOPICS = Topics.defaults();
    private static final String REQUESTS = TOPICS.requests(Operation.MULTIPLY).name();

    @TempDir
    Path state;
    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    @Test
    void aWorkerWithItsOwnUserAnswersAndOneWithTheProducersUserIsRefusedClearly() {
        // Given a secure broker, and requests published as the request-producer user
        Security security = Security.generated();
        LocalKafka kafka = workers.startBroker(state, security);
        KafkaTestKit asProducer = new KafkaTestKit(security.connection(kafka.bootstrapServers(), "request-producer"));
        asProducer.send(REQUESTS, List.of(Map.entry("s-1", request("s-1", "multiply", 6, 7))));

        // When a worker runs the secure profile as its own user
        ServiceProcess worker = worker("multiply-worker-secure", "multiply-worker", security.password("multiply-worker"));

        // Then it answers, and its log never shows a password
        KafkaTestKit asAdmin = new KafkaTestKit(kafka.adminConnection());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(asAdmin.readCommitted(TOPICS.results()))
                .singleElement().satisfies(result -> assertThat(result.value()).contains("\"result\":42")));
        worker.close();
        assertNoPasswordIn(worker.log(), security);

        // And when the only worker left runs with the producer's user, and a request waits for it
        asProducer.send(REQUESTS, List.of(Map.entry("s-2", request("s-2", "multiply", 2, 3))));
        ServiceProcess impostor = worker("multiply-worker-impostor", "request-producer", security.password("request-producer"));

        // Then it is refused, says why and stops, and nothing was answered or consumed in its name
        await().atMost(Duration.ofSeconds(60)).until(() -> !impostor.isAlive());
        assertThat(impostor.log()).contains("Kafka refused this worker", "TransactionalIdAuthorizationException",
                "docs/operations.md#security");
        assertNoPasswordIn(impostor.log(), security);
        assertThat(asAdmin.committedCount("multiply-worker", REQUESTS)).isEqualTo(1);
        assertThat(asAdmin.readCommitted(TOPICS.results())).hasSize(1);
    }

    private ServiceProcess worker(String instance, String user, String password) {
        return workers.start(instance, "--spring.profiles.active=secure", "--calc.kafka.user=" + user,
                "--calc.kafka.password=" + password);
    }

    private static void assertNoPasswordIn(String log, Security security) {
        assertThat(security.passwords().values()).allSatisfy(password -> assertThat(log).doesNotContain(password));
    }
}
