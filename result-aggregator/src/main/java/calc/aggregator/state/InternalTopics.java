package calc.aggregator.state;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the aggregator's internal topics that are missing before Kafka Streams starts, with the
 * settings Kafka Streams gives its own: the repartition topic deleted, not compacted, and kept until
 * Kafka Streams purges what it consumed ({@code RepartitionTopicConfig}); each store's changelog
 * compacted ({@code UnwindowedUnversionedChangelogTopicConfig}); timestamps as the producer set them.
 * Made beforehand, the repartition topic is in the metadata of an application's first rebalance, so
 * that it takes one rebalance, not two, and no rebalance waits for new topics to become ready.
 * Existing topics are left as they are: Kafka Streams checks their partition counts itself.
 */
final class InternalTopics {
    private static final long TIMEOUT_SECONDS = 60;
    private static final List<String> RESULT_PARTITIONED_STORES = List.of(StoreNames.ENTRIES, StoreNames.BATCHES,
            StoreNames.SERVICES, StoreNames.SERVICE_SECONDS, StoreNames.TOTALS);

    private InternalTopics() {
    }

    static List<NewTopic> of(String applicationId, PartitionLayout layout, short replicationFactor) {
        NewTopic repartition = new NewTopic(AggregatorTopology.repartitionTopic(applicationId), layout.resultPartitions(),
                replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.SEGMENT_BYTES_CONFIG, "52428800",
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
        List<NewTopic> changelogs = RESULT_PARTITIONED_STORES.stream()
                .map(store -> changelog(applicationId, store, layout.resultPartitions(), replicationFactor))
                .toList();
        NewTopic deadLetters = changelog(applicationId, StoreNames.DEAD_LETTERS, layout.deadLetterPartitions(),
                replicationFactor);
        return Stream.concat(Stream.of(repartition, deadLetters), changelogs.stream())
                .toList();
    }

    /** The changelog topic's name, as Kafka Streams derives it. */
    static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    private static NewTopic changelog(String applicationId, String store, int partitions, short replicationFactor) {
        return new NewTopic(changelog(applicationId, store), partitions, replicationFactor).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
    }

    static void createMissing(Admin admin, List<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            CreateTopicsResult created = admin.createTopics(missing);
            for (NewTopic topic : missing) {
                awaitCreated(created, topic.name());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the aggregator's internal topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the aggregator's internal topics", e);
        }
    }

    private static void awaitCreated(CreateTopicsResult created, String name)
            throws InterruptedException, TimeoutException, ExecutionException {
        try {
            created.values().get(name).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another instance may create it at the same moment; that is the goal reached.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
