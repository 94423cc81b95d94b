package calc.aggregator.state;

import calc.contract.KafkaConnection;
import calc.contract.Operation;
import calc.contract.Topic;
import calc.contract.TopicCreator;
import calc.contract.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the real partition counts of the topics the aggregator correlates, once, before the
 * topology is built: the configured counts only apply when a topic is created, and routing on a
 * wrong count would split an id's state over two tasks. Partitions added to these topics later
 * take effect at the next start.
 */
public final class PartitionCounts {
    private static final Logger log = LoggerFactory.getLogger(PartitionCounts.class);
    private static final long TIMEOUT_SECONDS = 60;

    private PartitionCounts() {
    }

    /**
     * Creates the contract's topics that are missing, reads the counts, and creates the application's
     * internal topics that are missing ({@link InternalTopics}), all before Kafka Streams starts.
     */
    public static PartitionLayout prepare(KafkaConnection kafka, Topics topics, String applicationId) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicCreator.createMissing(admin, topics);
            PartitionLayout layout = read(admin, kafka, topics);
            InternalTopics.createMissing(admin, InternalTopics.of(applicationId, layout, topics.replicationFactor()));
            return layout;
        }
    }

    private static PartitionLayout read(Admin admin, KafkaConnection kafka, Topics topics) {
        List<String> names = List.of(topics.requests(Operation.MULTIPLY).name(), topics.requests(Operation.ADD).name(),
                topics.calculationResults().name(), topics.deadLetterTopic().name());
        Map<String, Integer> counts = describe(admin, kafka, names);
        int deadLetters = counts.remove(topics.deadLetterTopic().name());
        PartitionLayout layout = new PartitionLayout(counts.get(topics.calculationResults().name()), deadLetters, counts);
        log.info("Partition counts {}; requests elsewhere than their id's home go through the repartition topic",
                counts);
        warnAboutMismatches(topics, layout);
        return layout;
    }

    private static Map<String, Integer> describe(Admin admin, KafkaConnection kafka, List<String> names) {
        try {
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Integer> counts = new HashMap<>();
            described.forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the topics' partition counts", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the partition counts of " + names + " on " + kafka.bootstrapServers(), e);
        }
    }

    private static void warnAboutMismatches(Topics topics, PartitionLayout layout) {
        for (Operation operation : Operation.values()) {
            Topic<byte[]> requests = topics.requests(operation);
            int partitions = layout.partitionsByTopic().get(requests.name());
            if (partitions != layout.resultPartitions()) {
                log.warn("{} has {} partitions and {} has {}: every request of that topic goes through the "
                        + "repartition topic", requests.name(), partitions, topics.calculationResults().name(),
                        layout.resultPartitions());
            }
        }
    }
}
