package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.localkafka.LocalKafka;
import calc.localkafka.Security;
import calc.worker.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every service in the secure profile against a broker with SASL SCRAM-SHA-512, Kafka's
 * StandardAuthorizer and the services' ACLs: a request posted with the API token travels through
 * a worker to the aggregator's answer, the aggregator measures the workers' lag, a post without
 * the token is refused, and no password or token reaches a log.
 */
class SecureSystemIT {
    private static final int AGGREGATOR_PORT = 29492;
    private static final int PRODUCER_PORT = 29493;
    private static final String TOKEN = "token-" + Long.toHexString(System.nanoTime());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path state;
    static Security security;
    static LocalKafka kafka;
    static final List<ServiceProcess> SERVICES = new ArrayList<>();

    @BeforeAll
    static void startTheSecureSystem() {
        security = Security.generated();
        kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"), security);
        start("result-aggregator", "--server.port=" + AGGREGATOR_PORT,
                "--calc.aggregator.state-dir=" + state.resolve("aggregator"));
        start("multiply-worker", "--server.port=0", "--calc.worker.instance-id=multiply-worker-1");
        start("add-worker", "--server.port=0", "--calc.worker.instance-id=add-worker-1");
        start("request-producer", "--server.port=" + PRODUCER_PORT,
                "--calc.producer.aggregator-url=http://127.0.0.1:" + AGGREGATOR_PORT);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get(AGGREGATOR_PORT, "/actuator/health/readiness").statusCode() == 200
                        && get(PRODUCER_PORT, "/actuator/health/readiness").statusCode() == 200);
    }

    @AfterAll
    static void stopEverything() {
        SERVICES.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aRequestWithTheTokenIsAnsweredAndOneWithoutIsRefused() throws Exception {
        // Given every service running the secure profile as its own Kafka user (started above)
        // When a request is posted without the token, and one with it
        HttpResponse<String> refused = post("{\"operation\":\"multiply\",\"a\":6,\"b\":7}", null);
        HttpResponse<String> accepted = post("{\"operation\":\"multiply\",\"a\":6,\"b\":7}", TOKEN);

        // Then the first is refused with a JSON error, the second answered through the worker and the aggregator
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(CalcJson.mapper().readTree(refused.body()).path("error").path("code").asString())
                .isEqualTo("INVALID_REQUEST");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String requestId = CalcJson.mapper().readTree(accepted.body()).path("requestId").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> json(AGGREGATOR_PORT, "/api/results/" + requestId).path("state").asString()
                        .equals("COMPLETED"));
        assertThat(json(AGGREGATOR_PORT, "/api/results/" + requestId).path("result").asLong()).isEqualTo(42);

        // And the aggregator, which may describe the worker groups, shows their members
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> members(json(AGGREGATOR_PORT, "/api/lag"), "multiply-worker").contains("multiply-worker-1"));

        // And no log holds a password or the token
        for (ServiceProcess service : SERVICES) {
            assertThat(service.log()).doesNotContain(TOKEN);
            assertThat(security.passwords().values()).allSatisfy(password ->
                    assertThat(service.log()).doesNotContain(password));
        }
    }

    private static void start(String service, String... args) {
        List<String> command = new ArrayList<>(List.of("--spring.profiles.active=secure",
                "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--calc.kafka.password=" + security.password(service),
                "--calc.producer.api-token=" + TOKEN));
        command.addAll(List.of(args));
        Path jar = Path.of("..", service, "target", service + ".jar");
        SERVICES.add(ServiceProcess.start(jar, state.resolve(service + ".log"), command.toArray(String[]::new)));
    }

    private static List<String> members(JsonNode lag, String group) {
        return StreamSupport.stream(lag.path("groups").spliterator(), false)
                .filter(g -> g.path("group").asString().equals(group))
                .flatMap(g -> StreamSupport.stream(g.path("members").spliterator(), false))
                .map(m -> m.path("instance").asString()).toList();
    }

    private static HttpResponse<String> post(String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PRODUCER_PORT + "/api/calculations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(int port, String path) throws IOException, InterruptedException {
        return CalcJson.mapper().readTree(get(port, path).body());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
