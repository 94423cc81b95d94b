package calc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own ProducerPerformance and EndToEndLatency, run as separate processes from the
 * kafka-tools classes in local-kafka's jar, and their printed figures.
 */
final class KafkaTools {
    private static final Pattern PERF_TOTAL =
            Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency");
    private static final Pattern E2E_PERCENTILES =
            Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");
    private static final Pattern E2E_AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");

    private final Path toolsJar;

    KafkaTools(Path toolsJar) {
        this.toolsJar = toolsJar;
    }

    record ProducerPerf(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs) {
    }

    record EndToEnd(double avgMs, long p50Ms, long p99Ms, long p999Ms) {
    }

    /** The producer's ceiling on this broker: 100-byte records as fast as they go, acks=all, idempotent. */
    ProducerPerf producerPerformance(String bootstrap, String topic, int records) {
        String output = run("org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                "--num-records", Integer.toString(records), "--record-size", "100", "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true");
        return parseProducerPerf(output);
    }

    /** The broker's own round trip, producer to consumer, one message at a time, acks=all. */
    EndToEnd endToEndLatency(String bootstrap, String topic, int messages) {
        String output = run("org.apache.kafka.tools.EndToEndLatency", bootstrap, topic,
                Integer.toString(messages), "all", "100");
        return parseEndToEnd(output);
    }

    static ProducerPerf parseProducerPerf(String output) {
        MatchResult last = null;
        Matcher matcher = PERF_TOTAL.matcher(output);
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no total:\n" + output);
        }
        return new ProducerPerf(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)),
                Double.parseDouble(last.group(3)), Double.parseDouble(last.group(4)));
    }

    static EndToEnd parseEndToEnd(String output) {
        Matcher percentiles = E2E_PERCENTILES.matcher(output);
        Matcher average = E2E_AVERAGE.matcher(output);
        if (!percentiles.find() || !average.find()) {
            throw new IllegalStateException("EndToEndLatency printed no percentiles:\n" + output);
        }
        return new EndToEnd(Double.parseDouble(average.group(1)), Long.parseLong(percentiles.group(1)),
                Long.parseLong(percentiles.group(2)), Long.parseLong(percentiles.group(3)));
    }

    /** The tool's output goes to a file, so that a tool that hangs is still stopped after 10 minutes. */
    private String run(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-Dloader.main=" + mainClass,
                "-Dlogback.configurationFile=local-kafka-logback.xml", "-jar", toolsJar.toString()));
        command.addAll(List.of(args));
        Process process = null;
        try {
            Path output = Files.createTempFile("calc-bench-tool-", ".out");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(10, TimeUnit.MINUTES);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (!ended || process.exitValue() != 0) {
                throw new IllegalStateException(mainClass + (ended ? " failed:\n" : " did not end in 10 minutes:\n") + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
