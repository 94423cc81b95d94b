package calc.multiply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.Topics;
import calc.worker.testkit.KafkaTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** The books of the results topic, read as the aggregator reads them (read_committed). */
final class ResultBooks {
    private ResultBooks() {
    }

    /**
     * Asserts that the {@code requests} committed so far have exactly one readable result each, and
     * returns the accounting line. The answers' commit markers may land a moment after the offsets'.
     * Records keyed "probe" are a test's own writes, not answers.
     */
    static String exactlyOneResultEach(KafkaTestKit clients, Topics topics, int requests) {
        AtomicReference<String> books = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, List<CalculationResult>> byId = clients.readCommitted(topics.results()).stream()
                    .filter(r -> !"probe".equals(r.key()))
                    .map(r -> CalcJson.fromBytes(r.value().getBytes(), CalculationResult.class))
                    .collect(Collectors.groupingBy(CalculationResult::requestId));
            books.set("Record accounting: in " + requests + ", request ids answered " + byId.size()
                    + ", results " + byId.values().stream().mapToInt(List::size).sum());
            assertThat(byId).as(books.get()).hasSize(requests);
            assertThat(byId.values()).as(books.get()).allSatisfy(answers -> assertThat(answers).hasSize(1));
        });
        return books.get();
    }
}
