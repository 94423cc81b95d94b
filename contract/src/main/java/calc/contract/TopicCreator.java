package calc.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the contract's topics that are missing; of those that exist it touches only a record
 * limit below the contract's ({@link TopicConfigs}): running it again, from any service, changes
 * nothing. It returns only once every partition it created has a leader that accepts requests.
 */
public final class TopicCreator {
    private static final long TIMEOUT_SECONDS = 60;

    private TopicCreator() {
    }

    public static void createMissing(KafkaConnection kafka, Topics topics) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            createMissing(admin, topics);
        }
    }

    /** As {@link #createMissing(KafkaConnection, Topics)}, with an Admin client the caller goes on using. */
    public static void createMissing(Admin admin, Topics topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Topic<?>> missing = topics.all().stream().filter(topic -> !existing.contains(topic.name())).toList();
            TopicConfigs.raise(admin, topics.all().stream().filter(topic -> existing.contains(topic.name())).toList());
            if (missing.isEmpty()) {
                return;
            }
            List<NewTopic> newTopics = missing.stream()
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), topics.replicationFactor())
                            .configs(topic.configs()))
                    .toList();
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(newTopics).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
            awaitLeaders(admin, missing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the topics " + topics.all().stream().map(Topic::name).toList(), e);
        }
    }

    private static void awaitCreated(String name, KafkaFuture<Void> future)
            throws InterruptedException, TimeoutException {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another service may create the same topic at the same moment; that is the goal reached.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        }
    }

    /**
     * A created topic is in the controller's metadata before its leader has the partition: a
     * producer that writes in between gets NOT_LEADER_OR_FOLLOWER. Listing offsets is answered
     * by the leader itself, so once it succeeds the partitions are ready. The broker has no way
     * to announce that moment, hence the retries with a short back-off.
     */
    private static void awaitLeaders(Admin admin, List<Topic<?>> created)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (Topic<?> topic : created) {
            for (int partition = 0; partition < topic.partitions(); partition++) {
                partitions.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }
}
