package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.Topics;
import calc.worker.testkit.KafkaTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./calc rollout} on four multiply-worker members under continuous load: a canary that
 * is worse than its baseline is rolled back, a good one replaces every member, and either way
 * each request record has exactly one committed result.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {
    private static final int PORT_BASE = 29192;

    @TempDir
    static Path workspace;
    static CalcLauncher calc;
    static KafkaTestKit kafka;

    @BeforeAll
    static void startFourMultiplyMembers() {
        calc = new CalcLauncher(workspace.resolve("calc-home"), PORT_BASE, Map.of("CALC_MULTIPLY_WORKERS", "4"));
        CalcLauncher.Result up = calc.run("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        kafka = new KafkaTestKit("127.0.0.1:" + PORT_BASE);
    }

    @AfterAll
    static void stopEverything() {
        calc.run("down");
    }

    @Test
    @Order(1)
    void aCanaryWorseThanItsBaselineIsRolledBack() {
        // Given load whose operands are too large for v2's budget of additions
        CalcLauncher.Background load = calc.start("load", "--count=12000", "--rate=200", "--mix=multiply:1",
                "--min=-100000000", "--max=100000000", "--batch-id=rollout-bad");

        // When v2 is rolled out
        CalcLauncher.Result rollout = calc.run("rollout", "multiply-worker", "--to", "v2", "--bake", "5");

        // Then the first bake fails, every member is back on v1, and nothing is lost
        assertThat(rollout.exitCode()).as(rollout.output()).isEqualTo(1);
        assertThat(rollout.output()).contains("Step 1/4", "verdict FAIL", "Rolling multiply-worker back to v1",
                "failed at step 1").doesNotContain("Step 2/4");
        assertThat(multiplyMemberVersions()).containsOnly("v1").hasSize(4);
        assertThat(load.await().exitCode()).isZero();
        assertExactlyOneCommittedResultEach("rollout-bad", 12000);
    }

    @Test
    @Order(2)
    void aGoodCanaryReplacesEveryMemberOneByOne() {
        // Given continuous load, lasting longer than the rollout, that both versions answer quickly
        // (150 requests/s: the aggregator keeps up while new members start on the same 2 cores)
        CalcLauncher.Background load = calc.start("load", "--count=40500", "--rate=150", "--mix=multiply:1",
                "--min=-1000", "--max=1000", "--batch-id=rollout-good");

        // When v2 is rolled out
        // (settling 15 s: a canary that starts cold on a busy 2-core machine first works off its partitions' backlog,
        // which is not what the bake should judge; baking 10 s: a canary holding one partition of twelve
        // answers about 125 requests in it, enough for a verdict)
        CalcLauncher.Result rollout = calc.run("rollout", "multiply-worker", "--to", "v2", "--bake", "10", "--settle", "15");

        // Then every step passes, every member runs v2, and each request has exactly one result
        assertThat(rollout.exitCode()).as(rollout.output()).isZero();
        assertThat(rollout.output()).contains("Step 4/4", "Rolled out: every multiply-worker member runs v2")
                .doesNotContain("verdict FAIL");
        assertThat(multiplyMemberVersions()).containsOnly("v2").hasSize(4);
        assertThat(load.await().exitCode()).isZero();
        Map<String, Long> byVersion = assertExactlyOneCommittedResultEach("rollout-good", 40500);
        assertThat(byVersion).containsOnlyKeys("v1", "v2").allSatisfy((version, count) -> assertThat(count).isPositive());
    }

    /** Reads calc.results as any read_committed client would; returns how many results each version gave. */
    private static Map<String, Long> assertExactlyOneCommittedResultEach(String batchId, int requests) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> results(batchId).size() >= requests);
        List<CalculationResult> results = results(batchId);
        Map<String, Long> perRequest = results.stream()
                .collect(Collectors.groupingBy(CalculationResult::requestId, Collectors.counting()));
        assertThat(perRequest).hasSize(requests);
        assertThat(Set.copyOf(perRequest.values())).containsExactly(1L);
        return results.stream().collect(Collectors.groupingBy(r -> r.worker().version(), Collectors.counting()));
    }

    private static List<CalculationResult> results(String batchId) {
        return kafka.readCommitted(Topics.defaults().results()).stream()
                .map(r -> CalcJson.fromBytes(r.value().getBytes(), CalculationResult.class))
                .filter(r -> batchId.equals(r.batchId()))
                .toList();
    }

    private static List<String> multiplyMemberVersions() {
        return calc.memberVersions().entrySet().stream()
                .filter(member -> member.getKey().startsWith("multiply-worker-"))
                .map(Map.Entry::getValue)
                .toList();
    }
}
