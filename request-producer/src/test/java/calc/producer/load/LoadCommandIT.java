package calc.producer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.Operation;
import calc.contract.ParsedRequest;
import calc.contract.RequestParser;
import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import calc.producer.RequestRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's {@code load} command, run as a user runs it, against a real broker. */
class LoadCommandIT {
    private static final Path JAR = Path.of("target", "request-producer.jar");
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path state;

    @Test
    void loadSendsExactlyCountValidRequestsOverBothTopicsUnderOneBatchAndExitsZero() throws Exception {
        // Given
        int count = 600;
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"))) {

            // When
            Run run = run("load", "--count=" + count, "--batch-id=it-load", "--min=-5", "--max=5",
                    "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers());

            // Then
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stdout()).first().asString().startsWith(
                    "load started: batch it-load, count 600, rate unlimited, mix multiply:1,add:1, operands [-5, 5], seed ");
            assertThat(run.stdout()).last().asString().matches(
                    "load finished: batch it-load, sent 600, acknowledged 600, failed 0 in \\d+\\.\\d s \\(\\d+ req/s\\)");
            assertThat(run.stderr()).last().asString().startsWith("sent 600, acknowledged 600, failed 0, rate ");
            try (RequestRecords records = new RequestRecords(kafka.bootstrapServers(), TOPICS)) {
                List<ConsumerRecord<String, byte[]>> all = records.readUntil(read -> read.size() >= count);
                assertThat(all).hasSize(count);
                assertThat(all).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, count).mapToObj(n -> "it-load-" + n).toList());
                assertThat(all).extracting(ConsumerRecord::topic).containsOnly(TOPICS.multiplyRequests(), TOPICS.addRequests())
                        .contains(TOPICS.multiplyRequests(), TOPICS.addRequests());
                assertThat(all).allSatisfy(LoadCommandIT::isAValidRequestOfTheBatch);
            }
        }
    }

    @Test
    void aBadOptionExitsTwoWithTheReasonAndUsage() throws Exception {
        // When
        Run run = run("load", "--count=zero");

        // Then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().get(0)).isEqualTo("error: --count must be an integer within 64 bits, got 'zero'");
        assertThat(run.stderr().get(1)).startsWith("usage: java -jar request-producer.jar load");
    }

    private static void isAValidRequestOfTheBatch(ConsumerRecord<String, byte[]> record) {
        Operation operation = TOPICS.multiplyRequests().equals(record.topic()) ? Operation.MULTIPLY : Operation.ADD;
        ParsedRequest parsed = RequestParser.parse(record.key(), record.value(), operation, Instant.EPOCH);
        assertThat(parsed).isInstanceOf(ParsedRequest.Valid.class);
        var request = ((ParsedRequest.Valid) parsed).request();
        assertThat(request.batchId()).isEqualTo("it-load");
        assertThat(List.of(request.a(), request.b())).allSatisfy(operand -> assertThat(operand).isBetween(-5L, 5L));
        assertThat(request.submittedAt()).isAfter(Instant.EPOCH);
    }

    private Run run(String... args) throws IOException {
        Path out = state.resolve("stdout.txt");
        Path err = state.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
        return new Run(process.exitValue(), lines(out), lines(err));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                .collect(Collectors.toList());
    }

    private record Run(int exitCode, List<String> stdout, List<String> stderr) {
    }
}
