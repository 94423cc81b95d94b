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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator killed with SIGKILL while requests and answers stream in: with a commit every
 * 50 ms, a transaction is open at any moment, its changes written to the stores' changelogs but
 * not committed. Restarted, it rebuilds its state from what was committed; at the end every count
 * equals the number of distinct request ids, none lost, none counted twice.
 */
class AggregatorCrashIT {
    private static final WorkerIdentity WORKER = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final int IDS = 24_000;
    private static final int PER_TRANSACTION = 200;
    private static final String BATCH = "crash";

    @TempDir
    Path dir;

    @Test
    void everyCountEqualsTheDistinctIdsAfterKillsInTheMiddleOfTransactions() throws Exception {
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka/data"));
                KafkaWriter writer = new KafkaWriter(kafka.bootstrapServers())) {
            // Given an aggregator reading requests and answers written as fast as a worker writes them
            AggregatorProcess aggregator = start(kafka).awaitReady();
            AtomicInteger written = new AtomicInteger();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> write(writer, written));
            try {
                // When it is killed twice while they stream in, each time once it has counted more
                for (int kill = 1; kill <= 2; kill++) {
                    AggregatorProcess running = aggregator;
                    long threshold = (long) IDS * kill / 3;
                    await().atMost(Duration.ofSeconds(90)).until(() -> completed(running) >= threshold);
                    running.kill();
                    aggregator = start(kafka).awaitReady();
                    assertThat(aggregator.log()).contains("did not close cleanly");
                }
                load.join();

                // Then, once it has read everything, every figure counts each distinct id exactly once
                AggregatorProcess last = aggregator;
                await().atMost(Duration.ofSeconds(90)).until(() -> completed(last) >= IDS);
                JsonNode stats = last.get("/api/stats").json();
                assertThat(List.of(stats.path("requested").asLong(), stats.path("completed").asLong(),
                        stats.path("pending").asLong(), stats.path("duplicates").asLong()))
                        .containsExactly((long) IDS, (long) IDS, 0L, 0L);
                assertThat(stats.path("services").get(0).path("requests").asLong()).isEqualTo(IDS);
                JsonNode batch = last.get("/api/batches/" + BATCH).json();
                assertThat(List.of(batch.path("requested").asLong(), batch.path("completed").asLong(),
                        batch.path("ok").asLong(), batch.path("errors").asLong()))
                        .containsExactly((long) IDS, (long) IDS, (long) IDS, 0L);
                assertThat(written.get()).isEqualTo(IDS);
            } finally {
                aggregator.close();
            }
        }
    }

    private AggregatorProcess start(LocalKafka kafka) {
        return AggregatorProcess.start(kafka.bootstrapServers(), dir, "result-aggregator-crash", "agg", 0);
    }

    private static long completed(AggregatorProcess aggregator) {
        try {
            AggregatorProcess.Response stats = aggregator.get("/api/stats");
            return stats.status() == 200 ? stats.json().path("completed").asLong() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Requests, then their answers in a committed transaction, {@value #PER_TRANSACTION} ids at a time. */
    private static void write(KafkaWriter writer, AtomicInteger written) {
        try {
            for (int from = 0; from < IDS; from += PER_TRANSACTION) {
                Map<String, String> requests = new LinkedHashMap<>();
                List<CalculationResult> answers = new ArrayList<>();
                Instant now = Instant.now();
                for (int i = from; i < from + PER_TRANSACTION; i++) {
                    String id = "crash-" + i;
                    requests.put(id, "{\"requestId\":\"" + id + "\",\"operation\":\"multiply\",\"a\":" + i
                            + ",\"b\":2,\"batchId\":\"" + BATCH + "\",\"submittedAt\":\"" + now + "\"}");
                    answers.add(new CalculationResult(id, BATCH, Operation.MULTIPLY, (long) i, 2L, Status.OK, 2L * i,
                            null, WORKER, now, now.plusMillis(3)));
                }
                writer.requests(Operation.MULTIPLY, requests);
                writer.committedResults(answers);
                written.addAndGet(PER_TRANSACTION);
            }
        } catch (Exception e) {
            throw new IllegalStateException("writing the load failed", e);
        }
    }
}
