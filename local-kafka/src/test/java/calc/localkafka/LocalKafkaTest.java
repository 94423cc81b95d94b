package calc.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.KafkaConnection;
import calc.contract.TopicCreator;
import calc.contract.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

    @TempDir
    Path state;

    @Test
    void firstStartCreatesTheContractTopicsAndARestartKeepsTheirRecords() throws Exception {
        Path data = state.resolve("kafka/data");
        String bootstrap;
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(data)) {
            bootstrap = kafka.bootstrapServers();
            assertThat(partitionCounts(bootstrap)).isEqualTo(Map.of(
                    "calc.multiply.requests", 12, "calc.add.requests", 12, "calc.results", 12, "calc.dead-letters", 3));
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.defaults().deadLetters(), 0, "k", "kept")).get();
            }
        }

        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        LocalKafka.Settings again = LocalKafka.Settings.defaults(data).withPorts(port, port + 1 == 65536 ? port - 1 : port + 1);
        try (LocalKafka kafka = LocalKafka.start(again)) {
            assertThat(readAll(kafka.bootstrapServers(), new TopicPartition(Topics.defaults().deadLetters(), 0)))
                    .containsExactly("kept");
        }
    }

    @Test
    void aClusterIdThatStartsWithADashIsFormattedAndServed() throws Exception {
        // Given a cluster id as ./calc draws it, which one time in 64 starts with '-'
        String clusterId = "-Xh1wQ3lR8eC9F0xWtq2Zw";
        int controllerPort = freePort();
        LocalKafka.Settings settings = LocalKafka.Settings.defaults(state.resolve("kafka/data"))
                .withPorts(freePort(), controllerPort).inCluster(1, List.of(controllerPort), clusterId);

        // When a node starts with it
        try (LocalKafka kafka = LocalKafka.start(settings);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {

            // Then its data folder was formatted with that id, not taken for an option
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
        }
    }

    @Test
    void aDeadLetterTopicThatTakesSmallerRecordsIsRaisedByTheNextService() throws Exception {
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // Given a dead-letter topic created with the broker's default record limit, as before 2 MiB
            String deadLetters = Topics.defaults().deadLetters();
            assertThat(maxMessageBytes(admin, deadLetters)).isEqualTo(Integer.toString(Topics.DEAD_LETTER_MAX_BYTES));
            setMaxMessageBytes(admin, deadLetters, "1048588");

            // When a service checks the contract's topics at its start
            TopicCreator.createMissing(KafkaConnection.of(kafka.bootstrapServers()), Topics.defaults());

            // Then the limit is the contract's again, and a larger one is left alone
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> maxMessageBytes(admin, deadLetters)
                    .equals(Integer.toString(Topics.DEAD_LETTER_MAX_BYTES)));
            setMaxMessageBytes(admin, deadLetters, "8388608");
            TopicCreator.createMissing(KafkaConnection.of(kafka.bootstrapServers()), Topics.defaults());
            assertThat(maxMessageBytes(admin, deadLetters)).isEqualTo("8388608");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void setMaxMessageBytes(Admin admin, String topic, String bytes) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET)))).all().get();
        // Applied by the broker after the controller: wait until the broker describes it so.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> maxMessageBytes(admin, topic).equals(bytes));
    }

    private static String maxMessageBytes(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("max.message.bytes").value();
    }

    private static Map<String, Integer> partitionCounts(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get();
            return topics.values().stream().collect(Collectors.toMap(TopicDescription::name, t -> t.partitions().size()));
        }
    }

    private static List<String> readAll(String bootstrap, TopicPartition partition) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
        }
        return values;
    }
}
