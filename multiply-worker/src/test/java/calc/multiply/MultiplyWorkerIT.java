package calc.multiply;

import static calc.worker.testkit.KafkaTestKit.header;
import static calc.worker.testkit.KafkaTestKit.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.ErrorCode;
import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import calc.worker.testkit.KafkaTestKit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The multiply-worker application against a real broker: its answers, its errors, its management port. */
class MultiplyWorkerIT {
    private static final Topics TOPICS = Topics.defaults();
    private static final String REQUESTS = TOPICS.requests(calc.contract.Operation.MULTIPLY).name();

    @TempDir
    static Path state;
    static LocalKafka kafka;
    static KafkaTestKit clients;
    static ConfigurableApplicationContext worker;

    @BeforeAll
    static void startBrokerAndWorker() {
        kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
        clients = new KafkaTestKit(kafka.bootstrapServers());
        worker = new SpringApplicationBuilder(MultiplyWorkerApplication.class).run(
                "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--calc.worker.instance-id=multiply-worker-it", "--server.port=0");
    }

    @AfterAll
    static void stop() {
        worker.close();
        kafka.close();
    }

    @Test
    void answersValidRequestsAndRejectsBadRecordsWithoutStopping() {
        // Given bad records between valid ones
        clients.send(REQUESTS, List.of(
                Map.entry("m-1", request("m-1", "multiply", 6, 7)),
                Map.entry("m-bad-json", "six times seven"),
                Map.entry("m-fraction", "{\"requestId\":\"m-fraction\",\"operation\":\"multiply\",\"a\":1.5,\"b\":2}"),
                Map.entry("m-string", "{\"requestId\":\"m-string\",\"operation\":\"multiply\",\"a\":\"6\",\"b\":2}"),
                Map.entry("m-exponent", "{\"requestId\":\"m-exponent\",\"operation\":\"multiply\",\"a\":1e3,\"b\":2}"),
                Map.entry("m-range", "{\"requestId\":\"m-range\",\"operation\":\"multiply\",\"a\":9223372036854775808,\"b\":2}"),
                Map.entry("m-add", request("m-add", "add", 1, 2)),
                Map.entry("m-overflow", request("m-overflow", "multiply", 6, Long.MAX_VALUE))));
        clients.send(REQUESTS, List.of(
                new java.util.AbstractMap.SimpleEntry<>(null, "{\"operation\":\"multiply\",\"a\":1,\"b\":2}"),
                new java.util.AbstractMap.SimpleEntry<>(null, request("m-2", "multiply", -4, 5))));

        // When the worker has answered every record that carries a requestId
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.readCommitted(TOPICS.results()).size() >= 9);

        // Then each got exactly one result, the right one
        Map<String, CalculationResult> results = clients.readCommitted(TOPICS.results()).stream()
                .collect(Collectors.toMap(ConsumerRecord::key,
                        r -> CalcJson.fromBytes(r.value().getBytes(), CalculationResult.class)));
        assertThat(results).hasSize(9);
        assertThat(results.get("m-1").result()).isEqualTo(42L);
        assertThat(results.get("m-2").result()).isEqualTo(-20L);
        assertThat(results.get("m-1").worker())
                .isEqualTo(new calc.contract.WorkerIdentity("multiply-worker", "v1", "multiply-worker-it"));
        assertThat(results.entrySet().stream().filter(e -> !e.getValue().isOk())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().error().code())))
                .isEqualTo(Map.of(
                        "m-bad-json", ErrorCode.INVALID_REQUEST,
                        "m-fraction", ErrorCode.INVALID_REQUEST,
                        "m-string", ErrorCode.INVALID_REQUEST,
                        "m-exponent", ErrorCode.INVALID_REQUEST,
                        "m-range", ErrorCode.INVALID_REQUEST,
                        "m-add", ErrorCode.UNSUPPORTED_OPERATION,
                        "m-overflow", ErrorCode.OVERFLOW));

        // And every bad record, but not the overflow, is a dead letter with its original bytes
        await().atMost(Duration.ofSeconds(30)).until(() -> clients.readCommitted(TOPICS.deadLetters()).size() >= 7);
        Map<String, String> deadLetters = clients.readCommitted(TOPICS.deadLetters()).stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.key()), ConsumerRecord::value));
        assertThat(deadLetters).containsOnlyKeys(
                "m-bad-json", "m-fraction", "m-string", "m-exponent", "m-range", "m-add", "null");
        assertThat(deadLetters.get("m-bad-json")).isEqualTo("six times seven");
        assertThat(clients.readCommitted(TOPICS.deadLetters())).allSatisfy(r -> {
            assertThat(header(r, "calc.source.topic")).isEqualTo(REQUESTS);
            assertThat(header(r, "calc.worker.instance")).isEqualTo("multiply-worker-it");
            assertThat(header(r, "calc.error.code")).isIn("INVALID_REQUEST", "UNSUPPORTED_OPERATION");
        });
    }

    @Test
    void reportsReadinessAsGroupMembershipAndExportsPrometheusMetrics() throws Exception {
        String base = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        Function<String, HttpResponse<String>> get = path -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        await().atMost(Duration.ofSeconds(30)).until(() -> get.apply("/actuator/health/readiness").statusCode() == 200);

        assertThat(get.apply("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(get.apply("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get.apply("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("calc_worker_results_total{", "kafka_consumer_");
    }
}
