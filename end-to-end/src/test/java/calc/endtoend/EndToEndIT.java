package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as a new user meets it: {@code ./calc demo} starts Kafka and every service
 * as processes, then requests travel from REST and from a plain Kafka client through the workers
 * to the aggregator's REST answers, and {@code ./calc down} leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    private static final int PORT_BASE = 29092;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path workspace;
    static CalcLauncher calc;
    static CalcLauncher.Result demo;

    @BeforeAll
    static void runTheDemo() {
        calc = new CalcLauncher(workspace.resolve("calc-home"), PORT_BASE);
        demo = calc.run("demo");
    }

    @AfterAll
    static void stopEverything() {
        calc.run("down");
    }

    @Test
    @Order(1)
    void theDemoAnswersEveryRequestRollsBackTheBadCanaryAndPromotesTheGoodOne() {
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("load finished: batch demo-", "sent 2000, acknowledged 2000")
                .containsPattern("0: 2000 mixed requests +2000 +2000 +0 +0 +[0-9]+ +[0-9]+  -")
                .containsPattern("1: v1 -> v2, \\|b\\| <= 10\\^7 +([0-9]+) +\\1 +[0-9]+ +0 .* rolled back \\(as it should\\)")
                .containsPattern("2: v1 -> v2, \\|b\\| <= 1000 +([0-9]+) +\\1 +0 +0 .* every member on v2");
    }

    @Test
    @Order(2)
    void aKeylessRecordFromAPlainKafkaClientIsAnsweredOverRest() {
        // Given a record published the way kafka-console-producer does: no key, JSON value
        publish("calc.multiply.requests", null, "{\"requestId\":\"e2e-console-1\",\"operation\":\"multiply\",\"a\":6,\"b\":7}");

        // When / Then the aggregator answers it
        JsonNode answer = awaitCompleted("e2e-console-1");
        assertThat(answer.get("status").asString()).isEqualTo("OK");
        assertThat(answer.get("result").asLong()).isEqualTo(42);
        assertThat(answer.get("worker").get("service").asString()).isEqualTo("multiply-worker");
        assertThat(answer.get("latencyMs").isNumber()).isTrue();
    }

    @Test
    @Order(3)
    void malformedRecordsGetErrorResultsAndTheWorkersKeepAnswering() {
        // Given malformed records on both request topics, then a valid one behind them
        publish("calc.multiply.requests", "e2e-bad-1", "six times seven");
        publish("calc.add.requests", null, "{\"requestId\":\"e2e-bad-2\",\"operation\":\"add\",\"a\":1.5,\"b\":1}");
        publish("calc.add.requests", null, "{\"operation\":\"add\",\"a\":1,\"b\":1}");
        publish("calc.add.requests", "e2e-after-1", "{\"requestId\":\"e2e-after-1\",\"operation\":\"add\",\"a\":2,\"b\":3}");

        // Then each bad record with an id has an ERROR result, the one without is a dead letter
        assertThat(awaitCompleted("e2e-bad-1").get("error").get("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(awaitCompleted("e2e-bad-2").get("error").get("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(awaitCompleted("e2e-after-1").get("result").asLong()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get(aggregator("/api/stats")).body().get("deadLetters").asLong() == 3);
    }

    @Test
    @Order(4)
    void aRequestPostedOverRestIsAnsweredAtItsResultUrl() throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(producer("/api/calculations")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"add\",\"a\":40,\"b\":2,\"batchId\":\"e2e\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = CalcJson.mapper().readTree(accepted.body());
        String requestId = body.get("requestId").asString();
        JsonNode answer = awaitCompleted(requestId);
        assertThat(answer.get("result").asLong()).isEqualTo(42);
        assertThat(answer.get("batchId").asString()).isEqualTo("e2e");
    }

    @Test
    @Order(5)
    void aSecondUpSaysSoAndChangesNothing() {
        List<Long> before = calc.pids();

        CalcLauncher.Result again = calc.run("up");

        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("calc is already running");
        assertThat(calc.pids()).containsExactlyInAnyOrderElementsOf(before).hasSize(6);
    }

    @Test
    @Order(6)
    void aTakenPortIsReportedBeforeAnythingStarts() throws IOException {
        CalcLauncher other = new CalcLauncher(workspace.resolve("other-home"), PORT_BASE + 100);
        int aggregatorPort = PORT_BASE + 102;
        try (ServerSocket taken = new ServerSocket(aggregatorPort, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CalcLauncher.Result refused = other.run("up");

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.output()).contains("port(s) already in use: " + aggregatorPort + " (result-aggregator)");
            assertThat(other.pids()).isEmpty();
        }
    }

    @Test
    @Order(7)
    void downStopsEveryProcessItStarted() {
        List<Long> pids = calc.pids();

        CalcLauncher.Result down = calc.run("down");

        assertThat(down.exitCode()).isZero();
        assertThat(pids).hasSize(6).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(calc.pids()).isEmpty();
    }

    private static void publish(String topic, String key, String value) {
        Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:" + PORT_BASE);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private static JsonNode awaitCompleted(String requestId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Json reply = get(aggregator("/api/results/" + requestId));
            return reply.status() == 200 && "COMPLETED".equals(reply.body().get("state").asString());
        });
        return get(aggregator("/api/results/" + requestId)).body();
    }

    private static String aggregator(String path) {
        return "http://127.0.0.1:" + (PORT_BASE + 2) + path;
    }

    private static String producer(String path) {
        return "http://127.0.0.1:" + (PORT_BASE + 3) + path;
    }

    private static Json get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Json(response.statusCode(), CalcJson.mapper().readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot GET " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Json(int status, JsonNode body) {
    }
}
