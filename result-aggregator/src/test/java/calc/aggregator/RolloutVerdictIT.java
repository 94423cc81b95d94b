package calc.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcError;
import calc.contract.CalcJson;
import calc.contract.ErrorCode;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import calc.localkafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rollout verdict against a real broker. One scenario is written before the tests: the
 * baseline v1 answers 200 multiplications in 5..14 ms; canaries, each a version label of its own,
 * answer slowly (v2-slow, 2000..2450 ms), as fast as v1 (v2-fast), too rarely (v2-few, 10
 * answers) or once wrongly (v2-wrong). The multiply-worker group committed offset 0 on its empty
 * request topic, so its lag stays 0. Each test asserts one whole verdict.
 */
class RolloutVerdictIT {
    private static final String SERVICE = "multiply-worker";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static LocalKafka kafka;
    private static AggregatorApp app;

    @BeforeAll
    static void givenTheScenario() {
        kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka/data"));
        app = AggregatorApp.startReady(kafka.bootstrapServers(), dir.resolve("aggregator-state"));
        GroupOffsets.commitStart(kafka.bootstrapServers(), SERVICE, Topics.defaults().requests(Operation.MULTIPLY).name());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<CalculationResult> results = new ArrayList<>();
        results.addAll(answers("v1", 200, 5, 1, now));
        results.addAll(answers("v2-slow", 200, 2000, 50, now));
        results.addAll(answers("v2-fast", 200, 5, 1, now));
        results.addAll(answers("v2-few", 10, 5, 1, now));
        results.addAll(answers("v2-wrong", 199, 5, 1, now));
        results.add(new CalculationResult("v2-wrong-bad", null, Operation.MULTIPLY, 6L, 7L, Status.OK, 43L, null,
                worker("v2-wrong"), now.minusMillis(5), now));
        results.addAll(answers("v1-gone", 200, 5, 1, now.minusSeconds(40)));
        results.addAll(answers("v2-failing", 100, 5, 1, now));
        for (int i = 0; i < 100; i++) {
            results.add(new CalculationResult("v2-failing-x" + i, null, Operation.MULTIPLY, 6L, 1L << 60,
                    Status.ERROR, null, new CalcError(ErrorCode.BUDGET_EXCEEDED, "past the budget"),
                    worker("v2-failing"), now.minusMillis(5), now));
        }
        try (KafkaWriter kafkaWriter = new KafkaWriter(kafka.bootstrapServers())) {
            kafkaWriter.committedResults(results);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aMuchSlowerCanaryFailsOnLatency() {
        JsonNode expected = json("""
                {"verdict":"FAIL",
                 "reasons":["canary p50 2207 ms vs baseline 9 ms (x245.2), canary p99 2463 ms vs baseline 14 ms (x175.9), one-sided Mann-Whitney p=1.7e-67 < 0.01"],
                 "service":"multiply-worker","windowSeconds":120,
                 "baseline":{"version":"v1","requests":200,"ok":200,"errors":0,"errorRate":0.0,"mismatches":0,
                             "latencyMs":{"p50":9,"p95":14,"p99":14}},
                 "canary":{"version":"v2-slow","requests":200,"ok":200,"errors":0,"errorRate":0.0,"mismatches":0,
                           "latencyMs":{"p50":2207,"p95":2463,"p99":2463}},
                 "latency":{"test":"mann-whitney-u","ratioP50":245.22,"ratioP99":175.93},
                 "lag":{"group":"multiply-worker","atStart":0,"now":0,"growth":0}}""");

        JsonNode verdict = awaitVerdict("v2-slow", expected);

        assertThat(verdict.at("/latency/pValue").asDouble()).isCloseTo(1.6596e-67, withinPercentage(0.1));
    }

    @Test
    void aCanaryAsFastAsTheBaselinePasses() {
        JsonNode expected = json("""
                {"verdict":"PASS","reasons":[],"service":"multiply-worker","windowSeconds":120,
                 "baseline":{"version":"v1","requests":200,"ok":200,"errors":0,"errorRate":0.0,"mismatches":0,
                             "latencyMs":{"p50":9,"p95":14,"p99":14}},
                 "canary":{"version":"v2-fast","requests":200,"ok":200,"errors":0,"errorRate":0.0,"mismatches":0,
                           "latencyMs":{"p50":9,"p95":14,"p99":14}},
                 "latency":{"test":"mann-whitney-u","ratioP50":1.0,"ratioP99":1.0},
                 "lag":{"group":"multiply-worker","atStart":0,"now":0,"growth":0}}""");

        JsonNode verdict = awaitVerdict("v2-fast", expected);

        assertThat(verdict.at("/latency/pValue").asDouble()).isCloseTo(0.5002, within(1e-4));
    }

    @Test
    void theDefaultWindowIs30sAndTheBodyListsItsFieldsInTheOrderScriptsReadThem() throws Exception {
        AggregatorApp.Response response = app.get("/api/rollout/verdict?service=" + SERVICE + "&baseline=v1&canary=v2");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("windowSeconds").asLong()).isEqualTo(30);
        assertThat(response.body()).containsSubsequence("\"verdict\":", "\"reasons\":", "\"service\":",
                "\"windowSeconds\":", "\"baseline\":", "\"canary\":", "\"latency\":", "\"lag\":");
    }

    @Test
    void aBaselineThatHasLeftTheWindowIsJudgedOverItsHistory() {
        // Given v1 answered 40 s ago and no more, and v2 answers now with half of them errors
        String query = "/api/rollout/verdict?service=" + SERVICE + "&baseline=v1-gone&canary=v2-failing&window=10s";

        // Then v1's recent history is the reference, and v2's error rate fails against it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AggregatorApp.Response response = app.get(query);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("verdict").asString()).isEqualTo("FAIL");
            assertThat(response.json().at("/baseline/requests").asLong()).isEqualTo(200);
            assertThat(response.json().at("/canary/requests").asLong()).isEqualTo(200);
            assertThat(response.json().at("/canary/errorRate").asDouble()).isEqualTo(0.5);
            assertThat(response.json().get("reasons").toString()).contains("error rate");
        });
    }

    @Test
    void aCanaryWithTooFewResultsIsInconclusive() {
        JsonNode expected = json("""
                {"verdict":"INCONCLUSIVE",
                 "reasons":["canary v2-few has 10 results in the window, fewer than the 50 needed for a verdict"],
                 "service":"multiply-worker","windowSeconds":120,
                 "baseline":{"version":"v1","requests":200,"ok":200,"errors":0,"errorRate":0.0,"mismatches":0,
                             "latencyMs":{"p50":9,"p95":14,"p99":14}},
                 "canary":{"version":"v2-few","requests":10,"ok":10,"errors":0,"errorRate":0.0,"mismatches":0,
                           "latencyMs":{"p50":9,"p95":14,"p99":14}},
                 "latency":{"test":"mann-whitney-u","ratioP50":1.0,"ratioP99":1.0},
                 "lag":{"group":"multiply-worker","atStart":0,"now":0,"growth":0}}""");

        awaitVerdict("v2-few", expected);
    }

    @Test
    void aSingleWrongAnswerFails() {
        JsonNode expected = json("""
                {"verdict":"FAIL",
                 "reasons":["canary v2-wrong gave 1 answer that disagrees with the reference arithmetic"],
                 "service":"multiply-worker","windowSeconds":120,
                 "baseline":{"version":"v1","requests":200,"ok":200,"errors":0,"errorRate":0.0,"mismatches":0,
                             "latencyMs":{"p50":9,"p95":14,"p99":14}},
                 "canary":{"version":"v2-wrong","requests":200,"ok":200,"errors":0,"errorRate":0.0,"mismatches":1,
                           "latencyMs":{"p50":9,"p95":14,"p99":14}},
                 "latency":{"test":"mann-whitney-u","ratioP50":1.0,"ratioP99":1.0},
                 "lag":{"group":"multiply-worker","atStart":0,"now":0,"growth":0}}""");

        awaitVerdict("v2-wrong", expected);
    }

    @Test
    void aQueryWithoutItsVersionsOrWithABadWindowIsABadRequest() throws Exception {
        assertError(app.get("/api/rollout/verdict?service=multiply-worker&baseline=v1"),
                "the query parameter canary is required");
        assertError(app.get("/api/rollout/verdict?service=multiply-worker&baseline=v1&canary=v2&window=soon"),
                "window must be a duration such as 30s or 2m, not soon");
        assertError(app.get("/api/rollout/verdict?service=multiply-worker&baseline=v1&canary=v2&window=11m"),
                "window must be from 1s to 600s");
        assertError(app.get("/api/rollout/verdict?service=multiply-worker&baseline=v1&canary=v2/x"),
                "canary must be 1-128 characters of [A-Za-z0-9._:-]");
        assertError(app.get("/api/rollout/verdict?service=multiply-worker&baseline=%20&canary=v2"),
                "baseline must be 1-128 characters of [A-Za-z0-9._:-]");
    }

    @Test
    void aQueryStringThatCannotBeDecodedIsABadRequest() throws Exception {
        // When a query's percent-encoding is broken
        String response = app.raw("GET /api/rollout/verdict?service=multiply-worker&baseline=v1&canary=%zz HTTP/1.1");

        // Then the answer is a 400 with the contract's JSON error
        String[] headAndBody = response.split("\r\n\r\n", 2);
        assertThat(headAndBody[0]).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json");
        // Chunked: the one JSON body sits between the chunk's length and the last chunk.
        assertThat(headAndBody[1].lines().toList()).contains(
                "{\"error\":{\"code\":\"INVALID_REQUEST\",\"message\":\"the query string cannot be decoded\"}}");
    }

    /** Waits for the whole verdict (the p-value apart, checked by the caller) and returns it. */
    private static JsonNode awaitVerdict(String canary, JsonNode expected) {
        String query = "/api/rollout/verdict?service=" + SERVICE + "&baseline=v1&canary=" + canary + "&window=2m";
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = app.get(query).json();
            JsonNode withoutPValue = last[0].deepCopy();
            if (withoutPValue.get("latency") instanceof ObjectNode latency) {
                latency.remove("pValue");
            }
            assertThat(withoutPValue).isEqualTo(expected);
        });
        return last[0];
    }

    private static void assertError(AggregatorApp.Response response, String message) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json(
                "{\"error\":{\"code\":\"INVALID_REQUEST\",\"message\":\"" + message + "\"}}"));
    }

    /** {@code count} correct answers by {@code version}, latencies cycling through 10 values from {@code firstMs}. */
    private static List<CalculationResult> answers(String version, int count, long firstMs, long stepMs, Instant now) {
        List<CalculationResult> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long latency = firstMs + (i % 10) * stepMs;
            answers.add(new CalculationResult(version + "-" + i, null, Operation.MULTIPLY, 6L, (long) i, Status.OK,
                    6L * i, null, worker(version), now.minusMillis(latency), now));
        }
        return answers;
    }

    private static WorkerIdentity worker(String version) {
        return new WorkerIdentity(SERVICE, version, SERVICE + "-" + version);
    }

    private static JsonNode json(String text) {
        return CalcJson.mapper().readTree(text);
    }
}
