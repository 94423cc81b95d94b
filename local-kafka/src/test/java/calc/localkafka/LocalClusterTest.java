package calc.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.KafkaConnection;
import calc.contract.Topic;
import calc.contract.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three local nodes as one cluster: every topic on all three, writes go on while one node is down. */
class LocalClusterTest {

    @TempDir
    Path state;
    private final List<LocalKafka> cluster = new ArrayList<>();

    @AfterEach
    void stopTheCluster() {
        LocalKafka.closeAll(cluster);
    }

    @Test
    void aClusterOfThreeKeepsTakingWritesWithOneNodeDownAndRecoversWhenItIsBack() throws Exception {
        // Given three nodes started together
        cluster.addAll(LocalKafka.startClusterOnFreePorts(state, 3));
        String bootstrap = cluster.get(0).bootstrapServers() + "," + cluster.get(2).bootstrapServers();
        KafkaConnection kafka = KafkaConnection.of(bootstrap);

        // Then every topic of the contract has three replicas, of which two must be in sync for a write
        String results = Topics.defaults().results();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            List<String> contract = Topics.defaults().all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(contract).allTopicNames().get();
            assertThat(topics.values()).hasSize(4).allSatisfy(topic -> assertThat(topic.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).as(topic.name()).hasSize(3)));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, results);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("min.insync.replicas").value()).isEqualTo("2");
        }
        assertThat(ClusterHealth.of(kafka, 3).describe())
                .startsWith("Kafka cluster: HEALTHY: 3 of 3 brokers online [1, 2, 3];").endsWith("all fully replicated");

        // When node 2 stops
        cluster.get(1).close();

        // Then writes that need two replicas in sync still succeed, and the cluster says it is degraded
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ClusterHealth.of(kafka, 3).state().equals("DEGRADED"));
        assertThat(ClusterHealth.of(kafka, 3).online()).containsExactly(1, 3);
        writeAll(bootstrap, results, 100);

        // And when it starts again, it catches up until every replica is in sync
        cluster.set(1, cluster.get(1).startAgain());
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> ClusterHealth.of(kafka, 3).state().equals("HEALTHY"));
        ClusterHealth healed = ClusterHealth.of(kafka, 3);
        assertThat(healed.online()).containsExactly(1, 2, 3);
        assertThat(healed.underReplicated()).isZero();
    }

    private static void writeAll(String bootstrap, String topic, int records) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, "k-" + i, "v-" + i)));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        }
    }
}
