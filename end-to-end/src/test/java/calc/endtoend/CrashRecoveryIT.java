package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What an operator sees when processes crash under load: a worker and the aggregator are killed
 * with SIGKILL while {@code ./calc load} runs, {@code ./calc up} starts them again, and the
 * aggregator's totals show every request answered once: nothing lost, nothing duplicated, and
 * what it answered before the crash answered the same after it.
 */
class CrashRecoveryIT {
    private static final int PORT_BASE = 29392;
    private static final int REQUESTS = 20_000;

    @TempDir
    static Path workspace;
    static CalcLauncher calc;
    static CalcLauncher.Background load;

    @AfterAll
    static void stopEverything() {
        if (load != null) {
            load.stop();
        }
        if (calc != null) {
            calc.run("down");
        }
    }

    @Test
    void killingAWorkerAndTheAggregatorUnderLoadLosesNothing() throws Exception {
        // Given the system under a steady load, with a batch the aggregator has already answered
        calc = new CalcLauncher(workspace.resolve("calc-home"), PORT_BASE);
        assertThat(calc.run("up").exitCode()).isZero();
        assertThat(calc.run("load", "--count=200", "--batch-id=before").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> batch("before").path("completed").asLong() == 200);
        String answeredBefore = calc.aggregator("/api/batches/before").body();
        load = calc.start("load", "--count=" + REQUESTS, "--rate=1000", "--batch-id=crash");
        await().atMost(Duration.ofSeconds(60)).until(() -> batch("crash").path("completed").asLong() >= 2_000);

        // When a multiply worker and the aggregator are killed mid-stream, and ./calc up starts them again
        calc.kill("multiply-worker-1");
        calc.kill("result-aggregator");
        CalcLauncher.Result up = calc.run("up");

        // Then the load finishes, and the aggregator counts every request once, completed
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("starting the rest", "ready: multiply-worker-1", "ready: result-aggregator");
        CalcLauncher.Result loaded = load.await();
        assertThat(loaded.output()).as(loaded.output())
                .contains("sent " + REQUESTS + ", acknowledged " + REQUESTS + ", failed 0");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .conditionEvaluationListener(condition -> {
                    if (condition.getRemainingTimeInMS() <= 1_000) {
                        System.out.println("Not complete yet: " + diagnosis());
                    }
                })
                .until(() -> batch("crash").path("completed").asLong() == REQUESTS);
        JsonNode crash = batch("crash");
        JsonNode stats = CalcJson.mapper().readTree(calc.aggregator("/api/stats").body());
        System.out.println("Record accounting: batch crash " + crash + "; duplicates " + stats.path("duplicates"));
        assertThat(crash.path("requested").asLong()).isEqualTo(REQUESTS);
        assertThat(crash.path("pending").asLong()).isZero();
        assertThat(crash.path("errors").asLong()).isZero();
        assertThat(stats.path("duplicates").asLong()).isZero();
        assertThat(stats.path("pending").asLong()).isZero();

        // And the answer given before the crash is given again, unchanged
        assertThat(calc.aggregator("/api/batches/before").body()).isEqualTo(answeredBefore);
    }

    /** What the aggregator says and the end of its log, for a run that did not complete. */
    private static String diagnosis() {
        try {
            List<String> log = Files.readAllLines(workspace.resolve("calc-home/logs/result-aggregator.log"));
            return "batch " + calc.aggregator("/api/batches/crash").body() + "\nstats " + calc.aggregator("/api/stats").body()
                    + "\nlag " + calc.aggregator("/api/lag?format=text").body() + "\naggregator log:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
        } catch (Exception e) {
            return "no diagnosis: " + e;
        }
    }

    private static JsonNode batch(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = calc.aggregator("/api/batches/" + id);
        return response.statusCode() == 200 ? CalcJson.mapper().readTree(response.body()) : CalcJson.mapper().createObjectNode();
    }
}
