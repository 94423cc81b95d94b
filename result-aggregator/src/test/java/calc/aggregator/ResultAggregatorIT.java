package calc.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcError;
import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import calc.localkafka.LocalKafka;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The aggregator against a real broker. One scenario is written before the tests (requests
 * with and without keys, committed results from three worker versions, an aborted result, a
 * duplicate, a wrong answer, a dead letter); each test asserts one whole REST answer about it.
 * The aggregator's clock stands still at the moment every result completed, so that rates over
 * "the last 60 s" do not depend on how long the tests take.
 */
class ResultAggregatorIT {
    private static final WorkerIdentity MULTIPLY_V1 = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final WorkerIdentity MULTIPLY_V2 = new WorkerIdentity("multiply-worker", "v2", "multiply-worker-2");
    private static final WorkerIdentity ADD_V1 = new WorkerIdentity("add-worker", "v1", "add-worker-1");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static LocalKafka kafka;
    private static AggregatorApp app;
    private static Instant now;
    private static CalculationResult m1;
    private static CalculationResult m2;
    private static CalculationResult a1;

    @BeforeAll
    static void givenTheScenario() throws Exception {
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka/data"));
        app = AggregatorApp.startReady(kafka.bootstrapServers(), dir.resolve("aggregator-state"),
                Clock.fixed(now, ZoneOffset.UTC));
        m1 = ok("m-1", "it-batch", Operation.MULTIPLY, 6, 7, 42, MULTIPLY_V1, 4);
        m2 = ok("m-2", "it-batch", Operation.MULTIPLY, 2, 3, 6, MULTIPLY_V2, 10);
        a1 = ok("a-1", "it-batch", Operation.ADD, 2, 3, 5, ADD_V1, 6);
        try (KafkaWriter kafkaWriter = new KafkaWriter(kafka.bootstrapServers())) {
            kafkaWriter.request(Operation.MULTIPLY, "m-1", request("m-1", "multiply", 6, 7, "it-batch"));
            kafkaWriter.request(Operation.MULTIPLY, null, request("m-2", "multiply", 2, 3, "it-batch"));
            kafkaWriter.request(Operation.MULTIPLY, "m-3", request("m-3", "multiply", 6, 7, "it-batch"));
            kafkaWriter.request(Operation.ADD, null, request("a-1", "add", 2, 3, "it-batch"));
            kafkaWriter.request(Operation.MULTIPLY, "m-5", request("m-5", "multiply", 6, 7, null));
            kafkaWriter.request(Operation.MULTIPLY, "m-6", request("m-6", "multiply", Long.MAX_VALUE, 2, null));
            kafkaWriter.request(Operation.MULTIPLY, null, "not json and no id");
            kafkaWriter.deadLetter(null, "not json and no id");
            kafkaWriter.abortedResults(List.of(ok("m-3", "it-batch", Operation.MULTIPLY, 6, 7, 42, MULTIPLY_V1, 3)));
            kafkaWriter.committedResults(List.of(m1, m2, a1,
                    ok("m-5", null, Operation.MULTIPLY, 6, 7, 43, MULTIPLY_V2, 8),
                    overflow("m-6", Long.MAX_VALUE, 2, MULTIPLY_V1, 2)));
            kafkaWriter.committedResults(List.of(ok("a-1", "it-batch", Operation.ADD, 2, 3, 99, ADD_V1, 1)));
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
    void aCompletedRequestIsItsResultWithStateAndLatency() {
        JsonNode expected = completed(m1, 4);

        await().atMost(WAIT).untilAsserted(() -> assertThat(app.get("/api/results/m-1").json()).isEqualTo(expected));
    }

    @Test
    void aRequestSentWithoutKeyIsAnsweredUnderItsRequestId() {
        JsonNode expected = completed(m2, 10);

        await().atMost(WAIT).untilAsserted(() -> assertThat(app.get("/api/results/m-2").json()).isEqualTo(expected));
    }

    @Test
    void aDuplicateResultDoesNotReplaceTheFirstAnswer() throws Exception {
        JsonNode expected = completed(a1, 6);

        awaitStatsComplete();

        assertThat(app.get("/api/results/a-1").json()).isEqualTo(expected);
    }

    @Test
    void aRequestWhoseOnlyResultWasAbortedIsPending() throws Exception {
        awaitStatsComplete();

        AggregatorApp.Response response = app.get("/api/results/m-3");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(json("""
                {"requestId":"m-3","state":"PENDING","batchId":"it-batch","operation":"multiply"}"""));
    }

    @Test
    void theBatchSummaryCountsItsDistinctIds() {
        JsonNode expected = json("""
                {"batchId":"it-batch","requested":4,"completed":3,"ok":3,"errors":0,"pending":1,
                 "latencyMs":{"p50":6,"p95":10,"p99":10,"max":10}}""");

        await().atMost(WAIT).untilAsserted(() -> assertThat(app.get("/api/batches/it-batch").json()).isEqualTo(expected));
    }

    @Test
    void statsGivePerVersionFiguresAndTotals() {
        JsonNode expected = json("""
                {"services":[
                  {"service":"add-worker","version":"v1","requests":1,"ok":1,"errors":0,"ratePerSec":0.017,
                   "latencyMs":{"p50":6,"p95":6,"p99":6},"mismatches":0},
                  {"service":"multiply-worker","version":"v1","requests":2,"ok":1,"errors":1,"ratePerSec":0.033,
                   "latencyMs":{"p50":2,"p95":4,"p99":4},"mismatches":0},
                  {"service":"multiply-worker","version":"v2","requests":2,"ok":2,"errors":0,"ratePerSec":0.033,
                   "latencyMs":{"p50":8,"p95":10,"p99":10},"mismatches":1}],
                 "requested":6,"completed":5,"pending":1,"duplicates":1,"deadLetters":1}""");

        await().atMost(WAIT).untilAsserted(() -> assertThat(app.get("/api/stats").json()).isEqualTo(expected));
    }

    @Test
    void unknownIdsAndBatchesAreNotFound() throws Exception {
        assertError(app.get("/api/results/nobody"), 404, "NOT_FOUND", "no request nobody is known");
        assertError(app.get("/api/batches/no-batch"), 404, "NOT_FOUND", "no batch no-batch is known");
        assertError(app.get("/api/nothing-here"), 404, "NOT_FOUND", "no resource at /api/nothing-here");
    }

    @Test
    void anIdThatBreaksTheContractIsABadRequest() throws Exception {
        assertError(app.get("/api/results/bad!id"), 400, "INVALID_REQUEST",
                "requestId must be 1-128 characters of [A-Za-z0-9._:-]");
    }

    @Test
    void aRequestTomcatRefusesBeforeSpringSeesItIsAnsweredWithJson() throws Exception {
        String response = app.raw("GET /api/%zz HTTP/1.1");

        String[] headAndBody = response.split("\r\n\r\n", 2);
        assertThat(headAndBody[0]).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json");
        assertThat(json(headAndBody[1])).isEqualTo(errorJson("INVALID_REQUEST", "Bad Request"));
    }

    @Test
    void aWrongMethodIsA405WithJson() throws Exception {
        AggregatorApp.Response response = app.send(app.request("/api/stats")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build());

        assertError(response, 405, "INVALID_REQUEST", "Method 'POST' is not supported.");
    }

    @Test
    void anUnacceptableAcceptHeaderIsA406WithJsonAnyway() throws Exception {
        AggregatorApp.Response response = app.send(app.request("/api/stats")
                .header("Accept", "application/xml").GET().build());

        assertError(response, 406, "INVALID_REQUEST", "Acceptable representations: [application/json, application/*+json, application/yaml].");
    }

    @Test
    void healthIsReadyWithStreamsRunningAndLive() throws Exception {
        AggregatorApp.Response readiness = app.get("/actuator/health/readiness");
        AggregatorApp.Response liveness = app.get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().at("/components/streams")).isEqualTo(json("""
                {"status":"UP","details":{"state":"RUNNING"}}"""));
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusScrapesJvmAndKafkaStreamsMetrics() throws Exception {
        AggregatorApp.Response scrape = app.get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body()).contains("jvm_memory_used_bytes", "kafka_stream_");
    }

    @Test
    void seriesGivePerVersionResultsAndP99PerSecond() throws Exception {
        awaitStatsComplete();

        JsonNode series = app.get("/api/series?minutes=1").json();

        assertThat(series.get("seconds").size()).isEqualTo(60);
        assertThat(series.get("to").asLong()).isEqualTo(now.getEpochSecond());
        assertThat(series.get("versions")).extracting(v -> v.get("service").asString() + "/" + v.get("version").asString()
                        + " results " + sum(v.get("results")) + " errors " + sum(v.get("errors"))
                        + " p99 " + v.get("p99Ms").get(59))
                .containsExactly("add-worker/v1 results 1 errors 0 p99 6", "multiply-worker/v1 results 2 errors 1 p99 4",
                        "multiply-worker/v2 results 2 errors 0 p99 10");
    }

    @Test
    void theAggregatorsOwnExactlyOnceGroupCaughtUpOnTransactionalResultsHasNoLag() throws Exception {
        awaitStatsComplete();

        // Transaction markers follow every batch of results: a caught-up group must still show 0.
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode group = group(app.get("/api/lag").json(), "result-aggregator");
            assertThat(group.get("protocol").asString()).isEqualTo("classic");
            assertThat(group.get("status").asString()).isEqualTo("OK");
            assertThat(group.at("/totals/lag").asLong()).isZero();
            assertThat(group.get("partitions")).filteredOn(p -> p.get("topic").asString().equals("calc.results"))
                    .hasSize(12)
                    .allSatisfy(p -> assertThat(p.get("lag").asLong() + "/" + p.get("lagSeconds").asDouble())
                            .isEqualTo("0/0.0"));
        });
        assertThat(group(app.get("/api/lag").json(), "multiply-worker").get("state").asString()).isEqualTo("DEAD");
    }

    @Test
    void theLagTableForTheTerminalNamesEveryGroup() throws Exception {
        // The aggregator's own group may still be rebalancing at the first refreshes.
        await().atMost(WAIT).untilAsserted(() -> {
            AggregatorApp.Response table = app.get("/api/lag?format=text");

            assertThat(table.contentType()).startsWith("text/plain");
            assertThat(table.body()).contains("Consumer group lag at ", "\nmultiply-worker  DEAD, protocol unknown",
                    "\nadd-worker  DEAD", "\nresult-aggregator  STABLE, protocol classic");
        });
    }

    @Test
    void prometheusCarriesEveryMetricTheGrafanaDashboardUses() throws Exception {
        Path dashboard = Path.of("../compose/grafana/dashboards/calc.json");
        Set<String> used = new TreeSet<>();
        Matcher names = Pattern.compile("calc_[a-z_]+").matcher(Files.readString(dashboard));
        while (names.find()) {
            used.add(names.group());
        }
        awaitStatsComplete();

        await().atMost(WAIT).untilAsserted(() -> {
            Set<String> scraped = app.get("/actuator/prometheus").body().lines()
                    .filter(line -> line.startsWith("calc_"))
                    .map(line -> line.replaceAll("[{ ].*", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(used).hasSizeGreaterThanOrEqualTo(6);
            assertThat(scraped).containsAll(used);
        });
    }

    @Test
    void theDashboardPageAndItsChartLibraryAreServed() throws Exception {
        AggregatorApp.Response page = app.get("/");
        Matcher script = Pattern.compile("src=\"(/webjars/uplot/[^\"]+)\"").matcher(page.body());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(script.find()).as("the page loads uPlot from the webjar").isTrue();
        assertThat(app.get(script.group(1)).status()).isEqualTo(200);
    }

    private static JsonNode group(JsonNode lag, String name) {
        for (JsonNode group : lag.get("groups")) {
            if (group.get("group").asString().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no group " + name + " in " + lag);
    }

    private static long sum(JsonNode numbers) {
        long sum = 0;
        for (JsonNode number : numbers) {
            sum += number.asLong();
        }
        return sum;
    }

    private static void awaitStatsComplete() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode stats = app.get("/api/stats").json();
            assertThat(stats.get("completed").asLong()).isEqualTo(5);
            assertThat(stats.get("duplicates").asLong()).isEqualTo(1);
        });
    }

    private static void assertError(AggregatorApp.Response response, int status, String code, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json()).isEqualTo(errorJson(code, message));
    }

    private static JsonNode errorJson(String code, String message) {
        return CalcJson.mapper().valueToTree(java.util.Map.of("error", new CalcError(ErrorCode.valueOf(code), message)));
    }

    /** The result as the contract writes it, plus state and latency; read back as text to compare like with like. */
    private static JsonNode completed(CalculationResult result, long latencyMs) {
        ObjectNode view = CalcJson.mapper().valueToTree(result);
        view.put("state", "COMPLETED").put("latencyMs", latencyMs);
        return json(CalcJson.toString(view));
    }

    private static JsonNode json(String text) {
        return CalcJson.mapper().readTree(text);
    }

    private static String request(String id, String operation, long a, long b, String batchId) {
        return "{\"requestId\":\"" + id + "\",\"operation\":\"" + operation + "\",\"a\":" + a + ",\"b\":" + b
                + (batchId == null ? "" : ",\"batchId\":\"" + batchId + "\"") + "}";
    }

    private static CalculationResult ok(String id, String batchId, Operation operation, long a, long b, long answer,
            WorkerIdentity worker, long latencyMs) {
        return new CalculationResult(id, batchId, operation, a, b, Status.OK, answer, null, worker,
                now.minusMillis(latencyMs), now);
    }

    private static CalculationResult overflow(String id, long a, long b, WorkerIdentity worker, long latencyMs) {
        return new CalculationResult(id, null, Operation.MULTIPLY, a, b, Status.ERROR, null,
                new CalcError(ErrorCode.OVERFLOW, a + " * " + b + " overflows 64 bits"), worker,
                now.minusMillis(latencyMs), now);
    }
}
