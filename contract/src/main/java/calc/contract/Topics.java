package calc.contract;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one place that names every topic of the system, with its key and value types and its
 * partition count. Services take their topics from here, never from string literals.
 *
 * <p>Configuration keys (prefix {@code calc.topics}): {@code multiply-requests},
 * {@code add-requests}, {@code results}, {@code dead-letters} (names) and
 * {@code request-partitions}, {@code result-partitions}, {@code dead-letter-partitions} and
 * {@code replication-factor} (used when a topic is created; -1, the default, takes the broker's
 * {@code default.replication.factor}, so a cluster sets it once for every service).
 */
@ConfigurationProperties("calc.topics")
public record Topics(
        @DefaultValue("calc.multiply.requests") String multiplyRequests,
        @DefaultValue("calc.add.requests") String addRequests,
        @DefaultValue("calc.results") String results,
        @DefaultValue("calc.dead-letters") String deadLetters,
        @DefaultValue("12") int requestPartitions,
        @DefaultValue("12") int resultPartitions,
        @DefaultValue("3") int deadLetterPartitions,
        @DefaultValue("-1") short replicationFactor) {

    /**
     * The largest dead letter the dead-letter topic takes: twice the broker's default record limit,
     * so that any record a request topic with default limits accepted still fits with the headers
     * that say why it was refused. A request topic configured for larger records needs a dead-letter
     * topic raised to match, or a refused record of that size cannot be set aside and stalls its partition.
     */
    public static final int DEAD_LETTER_MAX_BYTES = 2 * 1024 * 1024;

    public static Topics defaults() {
        return new Topics("calc.multiply.requests", "calc.add.requests", "calc.results",
                "calc.dead-letters", 12, 12, 3, (short) -1);
    }

    /** Request records arrive as raw bytes: they are validated by {@link RequestParser}, not trusted. */
    public Topic<byte[]> requests(Operation operation) {
        return switch (operation) {
            case MULTIPLY -> new Topic<>(multiplyRequests, requestPartitions, byte[].class);
            case ADD -> new Topic<>(addRequests, requestPartitions, byte[].class);
        };
    }

    public Topic<CalculationResult> calculationResults() {
        return new Topic<>(results, resultPartitions, CalculationResult.class);
    }

    /** Dead letters keep the original bytes untouched; the reasons travel in headers. */
    public Topic<byte[]> deadLetterTopic() {
        return new Topic<>(deadLetters, deadLetterPartitions, byte[].class,
                Map.of("max.message.bytes", Integer.toString(DEAD_LETTER_MAX_BYTES)));
    }

    public List<Topic<?>> all() {
        return List.of(requests(Operation.MULTIPLY), requests(Operation.ADD), calculationResults(), deadLetterTopic());
    }
}
