package calc.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What one run of the benchmark measures, and against which system. {@code --quick} shrinks every
 * phase so the whole run fits in about three minutes; the full run uses the sizes of docs/benchmarks.md.
 *
 * @param bootstrap the broker the system under test runs on
 * @param aggregatorUrl the system's result-aggregator
 * @param toolsJar local-kafka's executable jar, which carries Kafka's own perf tools
 * @param calcHome the folder where ./calc keeps the pids and logs of the system under test
 * @param out where bench.json and bench.md go
 * @param root the project folder, whose modules' jars the start probe launches
 * @param commit the source revision measured, for the report
 * @param quick the sizes of the quick run
 * @param scaling whether to measure throughput with 1, 2 and 4 multiply members (always in the full run)
 * @param atLeastOnce whether to measure calc again with at-least-once workers (always in the full run)
 */
record BenchOptions(String bootstrap, String aggregatorUrl, Path toolsJar, Path calcHome, Path out,
        Path root, String commit, boolean quick, boolean scaling, boolean atLeastOnce) {

    int perfRecords() {
        return quick ? 200_000 : 2_000_000;
    }

    int endToEndMessages() {
        return quick ? 2_000 : 10_000;
    }

    int handWrittenRequests() {
        return quick ? 100_000 : 1_000_000;
    }

    int systemRequests() {
        return quick ? 50_000 : 1_000_000;
    }

    /** The fixed offered loads of the latency runs, requests per second; --quick runs only the targets' 2,000. */
    int[] rates() {
        return quick ? new int[] {Report.TARGET_RATE} : new int[] {1000, Report.TARGET_RATE};
    }

    /** Requests per scaling step. */
    int scalingRequests() {
        return quick ? 20_000 : 200_000;
    }

    Duration latencyRun() {
        return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
    }

    /** Reads {@code --key=value} arguments; {@code --quick} stands alone. */
    static BenchOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        boolean quick = false;
        boolean scaling = false;
        boolean atLeastOnce = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--scaling")) {
                scaling = true;
            } else if (arg.equals("--at-least-once")) {
                atLeastOnce = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + "; expected --quick, --scaling, --at-least-once or --bootstrap=, --aggregator=, --tools-jar=, --calc-home=, --out=, --root=, --commit=");
            }
        }
        return new BenchOptions(values.getOrDefault("bootstrap", "127.0.0.1:9092"),
                values.getOrDefault("aggregator", "http://127.0.0.1:8080"),
                Path.of(values.getOrDefault("tools-jar", "local-kafka/target/local-kafka-exec.jar")),
                Path.of(values.getOrDefault("calc-home", ".calc")),
                Path.of(values.getOrDefault("out", "target/bench")),
                Path.of(values.getOrDefault("root", ".")),
                values.getOrDefault("commit", "unknown"), quick, scaling || !quick, atLeastOnce || !quick);
    }
}
