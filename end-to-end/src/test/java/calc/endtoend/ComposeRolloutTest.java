package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose/rollout's decisions, with no Docker engine: a stand-in {@code docker} on the PATH keeps
 * the number of containers per compose service as {@code docker compose up --scale} sets it, and
 * a stand-in aggregator answers the verdicts. What the script does to the containers, step by
 * step, is what it would ask of Docker.
 */
class ComposeRolloutTest {
    private static final Path SCRIPT = Path.of("..", "compose", "rollout").toAbsolutePath().normalize();

    /**
     * Answers `compose ps --quiet SERVICE` with one id per container and records every `compose up
     * --scale`; that `up` fails, as `--wait` does, while a container of $FAKE_UNHEALTHY runs.
     */
    private static final String FAKE_DOCKER = """
            #!/usr/bin/env bash
            set -euo pipefail
            service=${@: -1}
            case " $* " in
              *" ps "*)
                n=$(cat "$FAKE_STATE/$service" 2>/dev/null || echo 0)
                for ((i = 1; i <= n; i++)); do echo "$service-$i"; done ;;
              *" up "*)
                while [ $# -gt 0 ]; do
                  if [ "$1" = --scale ]; then echo "${2#*=}" >"$FAKE_STATE/${2%%=*}"; shift; fi
                  shift
                done
                echo "$(cat "$FAKE_STATE/multiply-worker-v1") $(cat "$FAKE_STATE/multiply-worker-v2")" >>"$FAKE_STATE/history"
                if [ -n "${FAKE_UNHEALTHY:-}" ] && [ "$(cat "$FAKE_STATE/$FAKE_UNHEALTHY")" -gt 0 ]; then exit 1; fi ;;
              *) echo "unexpected: docker $*" >&2; exit 2 ;;
            esac
            """;

    @TempDir
    Path dir;
    private HttpServer aggregator;
    private final List<String> verdicts = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<String> queries = new ConcurrentLinkedQueue<>();
    private String aggregatorUrl;
    private String unhealthy = "";

    @BeforeEach
    void startTheStandIns() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("docker"), FAKE_DOCKER);
        Files.setPosixFilePermissions(bin.resolve("docker"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/multiply-worker-v1"), "4\n");
        aggregator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aggregator.createContext("/api/rollout/verdict", exchange -> {
            queries.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getQuery());
            String verdict = verdicts.isEmpty() ? "INCONCLUSIVE" : verdicts.remove(0);
            if (verdict.equals("NOT READY")) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = ("{\"verdict\":\"" + verdict + "\",\"reasons\":[\"" + verdict.toLowerCase() + " by the test\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        aggregator.start();
        aggregatorUrl = "http://127.0.0.1:" + aggregator.getAddress().getPort();
    }

    @AfterEach
    void stopTheAggregator() {
        aggregator.stop(0);
    }

    @Test
    void passingVerdictsReplaceEveryOldContainerOneAtATimeWithoutEverRunningFewerThanFour() throws Exception {
        // Given four v1 containers and an aggregator that passes every step
        verdicts.addAll(List.of("PASS", "PASS", "PASS", "PASS"));

        // When the rollout runs
        Run run = rollout();

        // Then each step starts a v2 container before it stops a v1 one, and four v2 containers remain
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(history()).containsExactly("4 1", "3 1", "3 2", "2 2", "2 3", "1 3", "1 4", "0 4");
        assertThat(queries).hasSize(4).allSatisfy(query ->
                assertThat(query).isEqualTo("POST service=multiply-worker&baseline=v1&canary=v2&window=1s"));
        assertThat(run.output()).contains("Rolled out: 4 multiply-worker-v2 container(s) run, none of multiply-worker-v1.");
    }

    @Test
    void aFailingVerdictBringsEveryOldContainerBackAndRemovesTheNewOnes() throws Exception {
        // Given an aggregator that passes the first step and fails the second
        verdicts.addAll(List.of("PASS", "FAIL"));

        // When the rollout runs
        Run run = rollout();

        // Then it restores four v1 containers before it removes the v2 ones, and exits 1 saying why
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(history()).containsExactly("4 1", "3 1", "3 2", "2 2", "4 2", "4 0");
        assertThat(run.output()).contains("failed at step 2: \"fail by the test\"", "Rolled back: 4 multiply-worker-v1");
    }

    @Test
    void anAggregatorThatGivesNoVerdictCountsAsAFailure() throws Exception {
        // Given no aggregator where the script looks for it
        aggregatorUrl = "http://127.0.0.1:1";

        // When the rollout runs
        Run run = rollout();

        // Then the first step is rolled back
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(history()).containsExactly("4 1", "3 1", "4 1", "4 0");
        assertThat(run.output()).contains("gave no verdict (HTTP 000)");
    }

    @Test
    void aNewContainerThatNeverBecomesHealthyIsRolledBackWithoutAVerdict() throws Exception {
        // Given v2 containers that never pass their health check
        unhealthy = "multiply-worker-v2";

        // When the rollout runs
        Run run = rollout();

        // Then the v1 containers are kept and the v2 one removed, and no verdict was asked for
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(history()).containsExactly("4 1", "4 1", "4 0");
        assertThat(queries).isEmpty();
        assertThat(run.output()).contains("failed at step 1: a multiply-worker-v2 container did not become healthy");
    }

    @Test
    void anAggregatorThatIsNotReadyGivesNoVerdictAndThreeSuchBakesRollBack() throws Exception {
        // Given an aggregator that answers 503 three times, as while Kafka Streams rebalances
        verdicts.addAll(List.of("NOT READY", "NOT READY", "NOT READY"));

        // When the rollout runs
        Run run = rollout();

        // Then each 503 counts as INCONCLUSIVE, and after the third bake the step is rolled back
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(queries).hasSize(3);
        assertThat(run.output()).contains("verdict INCONCLUSIVE: the aggregator is not ready (HTTP 503)",
                "still INCONCLUSIVE after three bakes");
        assertThat(history()).containsExactly("4 1", "3 1", "4 1", "4 0");
    }

    private Run rollout() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "--bake", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile());
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_STATE", dir.resolve("state").toString());
        builder.environment().put("CALC_AGGREGATOR_URL", aggregatorUrl);
        builder.environment().put("FAKE_UNHEALTHY", unhealthy);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the rollout finished").isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("output")));
    }

    /** The (v1, v2) container counts after each `docker compose up`. */
    private List<String> history() throws IOException {
        return Files.readAllLines(dir.resolve("state/history"));
    }

    private record Run(int exitCode, String output) {
    }
}
