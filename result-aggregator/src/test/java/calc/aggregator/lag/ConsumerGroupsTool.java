package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Apache Kafka's own {@code kafka-consumer-groups --describe} in a process of its own and reads its table. */
final class ConsumerGroupsTool {
    /** One row of the tool's table; offsets and lag are null where it prints "-". */
    record Row(String topic, int partition, Long currentOffset, Long logEndOffset, Long lag) {
    }

    private ConsumerGroupsTool() {
    }

    /** The tool's rows for {@code group}, by "topic-partition". */
    static Map<String, Row> describe(String bootstrapServers, String group) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("calc.kafka.tools.jar", "../local-kafka/target/local-kafka-exec.jar"));
        assertThat(jar).as("Kafka's tools jar (built by the local-kafka module)").exists();
        Path output = Files.createTempFile("consumer-groups", ".txt");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dloader.main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "-jar", jar.toString(),
                    "--bootstrap-server", bootstrapServers, "--describe", "--group", group)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kafka-consumer-groups finished").isTrue();
            } finally {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("kafka-consumer-groups exit code; output:\n" + text).isZero();
            return rows(text, group);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Map<String, Row> rows(String text, String group) {
        Map<String, Row> rows = new HashMap<>();
        for (String line : text.lines().toList()) {
            List<String> cells = List.of(line.trim().split("\\s+"));
            if (cells.size() >= 6 && cells.get(0).equals(group)) {
                Row row = new Row(cells.get(1), Integer.parseInt(cells.get(2)), number(cells.get(3)),
                        number(cells.get(4)), number(cells.get(5)));
                rows.put(row.topic() + "-" + row.partition(), row);
            }
        }
        return rows;
    }

    private static Long number(String cell) {
        return cell.equals("-") ? null : Long.valueOf(cell);
    }
}
