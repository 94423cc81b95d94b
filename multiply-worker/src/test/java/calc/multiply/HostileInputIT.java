package calc.multiply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import calc.worker.testkit.HostileRecords;
import calc.worker.testkit.HostileRecords.Hostile;
import calc.worker.testkit.HostileRun;
import calc.worker.testkit.KafkaTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A fuzz run against a v2 multiply-worker on a real broker: thousands of hostile records, values
 * up to the broker's size limit and poison pills. Every record in is accounted for on the topics
 * themselves: in = results + dead letters that could not name their request; the worker neither
 * stops nor stalls. A failure names its seed; replay it with {@code -Dcalc.hostile.seed=N}.
 */
class HostileInputIT {
    private static final Topics TOPICS = Topics.defaults();
    private static final String REQUESTS = TOPICS.requests(Operation.MULTIPLY).name();
    private static final long BUDGET = 5_000_000;

    @TempDir
    static Path state;
    static LocalKafka kafka;
    static KafkaTestKit clients;
    static ConfigurableApplicationContext worker;

    @BeforeAll
    static void startBrokerAndWorker() {
        kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
        clients = new KafkaTestKit(kafka.bootstrapServers());
        worker = new SpringApplicationBuilder(MultiplyWorkerApplication.class).run(
                "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--calc.worker.instance-id=multiply-hostile", "--calc.worker.version=v2",
                "--calc.multiply.iteration-budget=" + BUDGET, "--server.port=0");
    }

    @AfterAll
    static void stop() {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void everyHostileRecordEndsAsAResultOrADeadLetterAndTheBooksBalance() {
        // Given thousands of hostile records, and values as large as the broker takes, valid and not
        long seed = Long.getLong("calc.hostile.seed", ThreadLocalRandom.current().nextLong());
        HostileRecords hostile = new HostileRecords(seed, "multiply");
        List<Hostile> sent = new ArrayList<>(hostile.generate(3_000));
        sent.add(hostile.large(1_000_000, true));
        sent.add(hostile.large(1_000_000, false));
        sent.add(hostile.large(1_048_400, false));

        // When they are published to the request topic, as any Kafka client could
        String books = HostileRun.publishAndBalance(clients, TOPICS, Operation.MULTIPLY, "multiply-worker", sent, seed);

        // Then every record yielded what the contract promises (asserted there), and the worker still runs
        System.out.println(books);
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void aPoisonPillIsRefusedWithinTheBudgetAndHoldsNoPartition() {
        // Given v2 multiplications that would take 10^15 additions, and one at the budget's edge
        Instant submitted = Instant.now();
        List<Map.Entry<String, String>> pills = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            pills.add(Map.entry("pill-" + i, request("pill-" + i, 3, (i % 2 == 0 ? 1 : -1) * 1_000_000_000_000_000L,
                    submitted)));
        }
        pills.add(Map.entry("edge", request("edge", 3, BUDGET, submitted)));
        pills.add(Map.entry("after", request("after", 6, 7, submitted)));

        // When they reach the worker
        clients.send(REQUESTS, pills);

        // Then each pill is refused as BUDGET_EXCEEDED at once, and the requests behind them are answered
        await().atMost(Duration.ofSeconds(30)).until(() -> answers(pills.size()).size() == pills.size());
        Map<String, CalculationResult> answers = answers(pills.size());
        assertThat(answers.values().stream().filter(r -> r.requestId().startsWith("pill-")))
                .hasSize(24)
                .allSatisfy(r -> {
                    assertThat(r.error().code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                    assertThat(r.error().message()).contains("past the budget of " + BUDGET);
                    assertThat(Duration.between(r.submittedAt(), r.completedAt())).isLessThan(Duration.ofSeconds(10));
                });
        assertThat(answers.get("edge").result()).isEqualTo(3 * BUDGET);
        assertThat(answers.get("after").result()).isEqualTo(42L);
    }

    private static Map<String, CalculationResult> answers(int expected) {
        return clients.readCommitted(TOPICS.results()).stream()
                .map(r -> CalcJson.fromBytes(r.value().getBytes(), CalculationResult.class))
                .filter(r -> r.requestId().startsWith("pill-") || r.requestId().equals("edge")
                        || r.requestId().equals("after"))
                .collect(Collectors.toMap(CalculationResult::requestId, Function.identity(), (x, y) -> x));
    }

    private static String request(String id, long a, long b, Instant submitted) {
        return "{\"requestId\":\"" + id + "\",\"operation\":\"multiply\",\"a\":" + a + ",\"b\":" + b
                + ",\"submittedAt\":\"" + submitted + "\"}";
    }
}
