package calc.worker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.DeadLetterHeaders;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.worker.testkit.HostileRecords.Hostile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A fuzz run against a worker on a real broker: hostile records go to the operation's request
 * topic as any Kafka client could publish them, and the books must balance on the topics
 * themselves: in = results + dead letters without {@code calc.request.id}; every result under
 * the requestId the record promised, every refused record a dead letter.
 */
public final class HostileRun {
    private HostileRun() {
    }

    /** Publishes {@code sent}, waits until the worker's group consumed all of it, asserts the books; returns them as a line. */
    public static String publishAndBalance(KafkaTestKit clients, Topics topics, Operation operation, String group,
            List<Hostile> sent, long seed) {
        String requests = topics.requests(operation).name();
        long consumedBefore = clients.committedCount(group, requests);
        clients.sendBytes(requests, sent);
        await("the worker to consume every record").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> clients.committedCount(group, requests) == consumedBefore + sent.size());

        // The offsets and the answers commit in one transaction, but their markers land on different
        // partitions: the answers may become readable a moment after the offsets moved.
        AtomicReference<String> books = new AtomicReference<>();
        await("the books to balance").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> books.set(balance(clients, topics, requests, sent, seed)));
        return "Record accounting: " + books.get();
    }

    private static String balance(KafkaTestKit clients, Topics topics, String requests, List<Hostile> sent,
            long seed) {
        List<ConsumerRecord<String, String>> results = clients.readCommitted(topics.results()).stream()
                .filter(r -> r.key().startsWith("h-")).toList();
        List<ConsumerRecord<String, String>> deadLetters = clients.readCommitted(topics.deadLetters()).stream()
                .filter(r -> requests.equals(KafkaTestKit.header(r, DeadLetterHeaders.SOURCE_TOPIC))).toList();
        long unnamed = deadLetters.stream()
                .filter(r -> KafkaTestKit.header(r, DeadLetterHeaders.REQUEST_ID) == null).count();
        String books = "seed " + seed + ", " + requests + ": in " + sent.size() + ", results " + results.size()
                + ", dead letters " + deadLetters.size() + " (" + unnamed + " without a requestId)";

        assertThat(results.size() + unnamed).as(books).isEqualTo(sent.size());
        assertThat(countBy(results, ConsumerRecord::key)).as(books)
                .isEqualTo(countBy(sent.stream().filter(h -> h.expect().result).toList(), Hostile::answerId));
        assertThat(deadLetters).as(books).hasSize((int) sent.stream().filter(h -> h.expect().deadLetter).count());
        assertThat(unnamed).as(books)
                .isEqualTo(sent.stream().filter(h -> h.expect().deadLetter && !h.expect().result).count());
        return books;
    }

    private static <T> Map<String, Long> countBy(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(item -> Objects.requireNonNull(key.apply(item)),
                Collectors.counting()));
    }
}
