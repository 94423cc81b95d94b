package calc.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import calc.localkafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart with the same state folder serves exactly the answers served before it. */
class ResultAggregatorRestartIT {
    private static final WorkerIdentity WORKER = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final Instant SUBMITTED = Instant.parse("2026-11-27T09:00:00.000Z");
    private static final List<String> QUERIES = List.of(
            "/api/results/r-1", "/api/results/r-2", "/api/results/unknown", "/api/batches/restart", "/api/stats");

    @TempDir
    Path dir;

    @Test
    void answersServedBeforeARestartAreServedIdenticallyAfterIt() throws Exception {
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka/data"))) {
            Path state = dir.resolve("aggregator-state");
            Map<String, String> before;
            // Given an aggregator that has seen an answered request and a pending one
            try (AggregatorApp app = AggregatorApp.startReady(kafka.bootstrapServers(), state);
                    KafkaWriter kafkaWriter = new KafkaWriter(kafka.bootstrapServers())) {
                kafkaWriter.request(Operation.MULTIPLY, "r-1", request("r-1"));
                kafkaWriter.request(Operation.MULTIPLY, null, request("r-2"));
                kafkaWriter.committedResults(List.of(new CalculationResult("r-1", "restart", Operation.MULTIPLY, 6L, 7L,
                        Status.OK, 42L, null, WORKER, SUBMITTED, SUBMITTED.plusMillis(5))));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(app.get("/api/batches/restart").json().path("requested").asLong()).isEqualTo(2));
                before = answers(app);
            }

            // When it is started again on the same state folder
            try (AggregatorApp app = AggregatorApp.startReady(kafka.bootstrapServers(), state)) {
                // Then every answer is the same, status and body
                assertThat(answers(app)).isEqualTo(before);
            }
            assertThat(before.get("/api/results/r-1")).startsWith("200 ").contains("\"state\":\"COMPLETED\"");
            assertThat(before.get("/api/results/r-2")).startsWith("200 ").contains("\"state\":\"PENDING\"");
        }
    }

    private static Map<String, String> answers(AggregatorApp app) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String query : QUERIES) {
            AggregatorApp.Response response = app.get(query);
            answers.put(query, response.status() + " " + response.body());
        }
        return answers;
    }

    private static String request(String id) {
        return "{\"requestId\":\"" + id + "\",\"operation\":\"multiply\",\"a\":6,\"b\":7,\"batchId\":\"restart\","
                + "\"submittedAt\":\"" + SUBMITTED + "\"}";
    }
}
