package calc.localkafka;

import calc.contract.KafkaConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A cluster's health as the cluster itself reports it: which of the expected brokers are online,
 * and how many partitions miss a replica in sync (under-replicated) or a leader (offline). A
 * cluster is HEALTHY with every broker online and every replica in sync, DEGRADED while a broker
 * is down, RECOVERING while every broker is back but some replicas still catch up, and
 * UNAVAILABLE while some partition has no leader.
 */
public record ClusterHealth(int expectedBrokers, Set<Integer> online, int partitions, int underReplicated,
        int offline) {

    private static final long TIMEOUT_SECONDS = 10;

    public static ClusterHealth of(KafkaConnection kafka, int expectedBrokers)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        // Answers within seconds also while a node is down (Kafka's client default: a minute).
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS / 2));
        try (Admin admin = Admin.create(config)) {
            Set<Integer> online = new TreeSet<>();
            for (Node node : admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                online.add(node.id());
            }
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartitionInfo> all = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                    .map(TopicDescription::partitions).flatMap(List::stream).toList();
            int under = (int) all.stream().filter(p -> p.isr().size() < p.replicas().size()).count();
            int offline = (int) all.stream().filter(p -> p.leader() == null || p.leader().isEmpty()).count();
            return new ClusterHealth(expectedBrokers, online, all.size(), under, offline);
        }
    }

    public String state() {
        if (offline > 0) {
            return "UNAVAILABLE";
        }
        if (online.size() < expectedBrokers) {
            return "DEGRADED";
        }
        return underReplicated > 0 ? "RECOVERING" : "HEALTHY";
    }

    /** One line, as {@code ./calc status} prints it. */
    public String describe() {
        String replicas = underReplicated == 0 ? "all fully replicated"
                : underReplicated + " under-replicated, " + offline + " offline";
        return "Kafka cluster: " + state() + ": " + online.size() + " of " + expectedBrokers + " brokers online "
                + online + "; " + partitions + " partitions, " + replicas;
    }

    /** Arguments: the bootstrap servers and the number of brokers the cluster should have. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ClusterHealth BOOTSTRAP_SERVERS EXPECTED_BROKERS");
        }
        System.out.println(of(KafkaConnection.of(args[0]), Integer.parseInt(args[1])).describe());
    }
}
