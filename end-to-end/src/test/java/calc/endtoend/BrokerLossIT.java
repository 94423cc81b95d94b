package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A cluster of three brokers ({@code ./calc up --brokers 3}) that loses one to SIGKILL while
 * requests flow in: the pipeline goes on with two, {@code ./calc status} shows the cluster degraded and then
 * healthy again once {@code ./calc up} has restarted the broker, and the aggregator's totals show
 * every request answered once.
 */
class BrokerLossIT {
    private static final int PORT_BASE = 29592;
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
    void killingOneBrokerOfThreeUnderLoadLosesNothing() throws Exception {
        // Given a cluster of three brokers (nodes on every second port from PORT_BASE) under a steady load
        calc = new CalcLauncher(workspace.resolve("calc-home"), PORT_BASE, Map.of(
                "CALC_AGGREGATOR_PORT", Integer.toString(PORT_BASE + 20),
                "CALC_PRODUCER_PORT", Integer.toString(PORT_BASE + 21),
                "CALC_WORKER_PORT_BASE", Integer.toString(PORT_BASE + 30)));
        CalcLauncher.Result up = calc.run("up", "--brokers", "3");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("Kafka cluster: HEALTHY: 3 of 3 brokers online [1, 2, 3]");
        // (answering a first batch: on two cores, eight fresh JVMs take a minute or two to reach full speed)
        assertThat(calc.run("load", "--count=200", "--batch-id=warm-up").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(240)).until(() -> completed("warm-up") == 200);
        load = calc.start("load", "--count=" + REQUESTS, "--rate=250", "--batch-id=broker-loss");
        await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged() >= 2_000);

        // When one broker is killed while requests flow in
        assertThat(load.process().isAlive()).isTrue();
        calc.kill("kafka-2");
        long acknowledgedAtKill = acknowledged();
        long completedAtKill = completed("broker-loss");

        // Then the cluster says it is degraded, and with two brokers requests are still taken and answered
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> clusterLine(seen).contains("DEGRADED: 2 of 3 brokers online [1, 3]"));
        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged() >= acknowledgedAtKill + 1_000);
        // (answers follow at the aggregator's pace, which on two cores lags the requests by minutes at times)
        await().atMost(Duration.ofSeconds(240)).until(() -> completed("broker-loss") > completedAtKill);

        // When ./calc up starts it again
        CalcLauncher.Result again = calc.run("up");

        // Then the cluster recovers until every replica is in sync, and every request is answered once
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("starting the rest", "ready: kafka-2");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> clusterLine(seen).contains("HEALTHY: 3 of 3 brokers online [1, 2, 3]"));
        CalcLauncher.Result loaded = load.await();
        assertThat(loaded.output()).as(loaded.output())
                .contains("sent " + REQUESTS + ", acknowledged " + REQUESTS + ", failed 0");
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() -> completed("broker-loss") == REQUESTS);
        JsonNode batch = batch("broker-loss");
        JsonNode stats = CalcJson.mapper().readTree(calc.aggregator("/api/stats").body());
        System.out.println("Record accounting: batch broker-loss " + batch + "; duplicates " + stats.path("duplicates")
                + "\nCluster as ./calc status showed it:\n" + String.join("\n", seen));
        assertThat(batch.path("requested").asLong()).isEqualTo(REQUESTS);
        assertThat(batch.path("pending").asLong()).isZero();
        assertThat(batch.path("errors").asLong()).isZero();
        assertThat(stats.path("duplicates").asLong()).isZero();
    }

    /** The cluster line of ./calc status; each new one is kept in {@code seen}. */
    private static String clusterLine(List<String> seen) {
        String line = calc.run("status").output().lines().filter(l -> l.startsWith("Kafka cluster:"))
                .findFirst().orElse("no cluster line");
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(line)) {
            seen.add(line);
        }
        return line;
    }

    /** What the load has had acknowledged by Kafka so far, from its progress lines. */
    private static long acknowledged() {
        Matcher progress = Pattern.compile("acknowledged (\\d+)").matcher(DeploymentFiles.read(load.output()));
        long acknowledged = 0;
        while (progress.find()) {
            acknowledged = Long.parseLong(progress.group(1));
        }
        return acknowledged;
    }

    private static long completed(String batch) throws IOException, InterruptedException {
        return batch(batch).path("completed").asLong();
    }

    private static JsonNode batch(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = calc.aggregator("/api/batches/" + id);
        return response.statusCode() == 200 ? CalcJson.mapper().readTree(response.body()) : CalcJson.mapper().createObjectNode();
    }
}
