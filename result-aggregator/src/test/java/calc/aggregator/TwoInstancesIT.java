package calc.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcError;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import calc.localkafka.LocalKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one aggregator application on a real broker, each a process of its own. Kafka
 * Streams splits the partitions between them; each answers every query, from its own state or by
 * asking the other; one killed with SIGKILL leaves the other to answer everything, from the standby
 * replicas it kept, nothing lost or counted twice; restarted, both agree again.
 */
class TwoInstancesIT {
    private static final String APPLICATION = "result-aggregator-two";
    private static final Instant SUBMITTED = Instant.now().minusSeconds(5);
    private static final WorkerIdentity V1 = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final WorkerIdentity V2 = new WorkerIdentity("multiply-worker", "v2", "multiply-worker-2");
    private static final int IDS = 120;
    private static final String BATCH = "two";

    @TempDir
    Path dir;

    @Test
    void everyInstanceAnswersEveryQueryAndOneSurvivesTheOthersCrash() throws Exception {
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka/data"));
                KafkaWriter writer = new KafkaWriter(kafka.bootstrapServers())) {
            // Given a mixed batch (OK answers, refused requests, overflows, pending ids, a duplicate answer)
            List<String> ids = writeMixedBatch(writer);
            // and two instances of one application
            AggregatorProcess first = AggregatorProcess.start(kafka.bootstrapServers(), dir, APPLICATION, "agg-1", 0);
            AggregatorProcess started = AggregatorProcess.start(kafka.bootstrapServers(), dir, APPLICATION, "agg-2", 0);
            AggregatorProcess second = started;
            try {
                first.awaitReady();
                started.awaitReady();
                List<String> queries = queries(ids);

                // When both have read everything, then both answer every query identically, each id by one instance
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(first.get("/api/stats").json().path("completed").asLong()).isEqualTo(IDS - IDS / 10);
                    assertThat(answers(started, queries)).isEqualTo(answers(first, queries));
                });
                Map<String, String> before = answers(first, queries);
                Set<String> servedBy = servedBy(first, ids);
                assertThat(servedBy).containsExactlyInAnyOrder(first.name(), second.name());
                assertThat(before.get("/api/stats")).contains("\"requested\":" + IDS, "\"duplicates\":1");

                // When the second is killed: while the group has not noticed, what it held is unavailable, clearly
                String heldBySecond = idServedBy(first, ids, second.name());
                second.kill();
                long killed = System.nanoTime();
                AggregatorProcess.Response orphan = first.get("/api/results/" + heldBySecond);
                assertThat(orphan.status()).isEqualTo(503);
                assertThat(orphan.json().path("error").path("code").asString()).isEqualTo("UNAVAILABLE");
                assertThat(orphan.json().path("error").path("message").asString()).contains(second.name());
                AggregatorProcess.Response partial = first.get("/api/stats");
                assertThat(partial.status()).isEqualTo(503);
                assertThat(partial.json().path("error").path("message").asString()).contains("were not answered");

                // Then within 15 s the first answers every query as before, from the standby replicas it kept
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(answers(first, queries)).isEqualTo(before));
                System.out.printf("Failover: every answer again after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
                assertThat(servedBy(first, ids)).containsExactly(first.name());

                // When the second starts again on its state, then both agree again
                second = AggregatorProcess.start(kafka.bootstrapServers(), dir, APPLICATION, "agg-2", second.port())
                        .awaitReady();
                AggregatorProcess restarted = second;
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(answers(restarted, queries)).isEqualTo(before);
                    assertThat(answers(first, queries)).isEqualTo(before);
                });
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private static List<String> writeMixedBatch(KafkaWriter writer) throws Exception {
        List<String> ids = new ArrayList<>();
        Map<String, String> requests = new LinkedHashMap<>();
        List<CalculationResult> results = new ArrayList<>();
        for (int i = 0; i < IDS; i++) {
            String id = "two-" + i;
            ids.add(id);
            requests.put(id, "{\"requestId\":\"" + id + "\",\"operation\":\"multiply\",\"a\":" + i + ",\"b\":7,"
                    + "\"batchId\":\"" + BATCH + "\",\"submittedAt\":\"" + SUBMITTED + "\"}");
            if (i % 10 == 9) {
                continue;
            }
            WorkerIdentity worker = i % 2 == 0 ? V1 : V2;
            Instant completed = SUBMITTED.plusMillis(2 + i % 17);
            results.add(switch (i % 10) {
                case 3 -> new CalculationResult(id, BATCH, null, null, null, Status.ERROR, null,
                        new CalcError(ErrorCode.INVALID_REQUEST, "a must be a JSON integer"), worker, SUBMITTED, completed);
                case 6 -> new CalculationResult(id, BATCH, Operation.MULTIPLY, (long) i, Long.MAX_VALUE, Status.ERROR,
                        null, new CalcError(ErrorCode.OVERFLOW, i + " * 9223372036854775807 overflows 64 bits"), worker,
                        SUBMITTED, completed);
                default -> new CalculationResult(id, BATCH, Operation.MULTIPLY, (long) i, 7L, Status.OK, i * 7L, null,
                        worker, SUBMITTED, completed);
            });
        }
        writer.requests(Operation.MULTIPLY, requests);
        writer.committedResults(results);
        writer.committedResults(List.of(results.get(0)));
        return ids;
    }

    private static List<String> queries(List<String> ids) {
        List<String> queries = new ArrayList<>();
        ids.forEach(id -> queries.add("/api/results/" + id));
        queries.add("/api/results/nobody");
        queries.add("/api/batches/" + BATCH);
        queries.add("/api/stats");
        queries.add("/api/rollout/verdict?service=multiply-worker&baseline=v1&canary=v2&window=10m");
        return queries;
    }

    /** Status and body of each query; what changes with the clock (rates) is left out of the stats. */
    private static Map<String, String> answers(AggregatorProcess instance, List<String> queries) throws IOException {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String query : queries) {
            AggregatorProcess.Response response = instance.get(query);
            answers.put(query, response.status() + " " + response.body().replaceAll("\"ratePerSec\":[0-9.]+", ""));
        }
        return answers;
    }

    private static Set<String> servedBy(AggregatorProcess instance, List<String> ids) throws IOException {
        Set<String> servedBy = new TreeSet<>();
        for (String id : ids) {
            servedBy.add(instance.get("/api/results/" + id).servedBy());
        }
        return servedBy;
    }

    private static String idServedBy(AggregatorProcess instance, List<String> ids, String name) throws IOException {
        for (String id : ids) {
            if (name.equals(instance.get("/api/results/" + id).servedBy())) {
                return id;
            }
        }
        throw new AssertionError(name + " serves none of the ids");
    }
}
