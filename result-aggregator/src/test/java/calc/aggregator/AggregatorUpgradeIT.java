package calc.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.aggregator.state.PartitionLayout;
import calc.aggregator.state.StoreNames;
import calc.localkafka.LocalKafka;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An aggregator upgraded over the state a JSON release wrote (format version 0): its changelogs
 * hold what that release stored for 42 ids, their batch, services and totals (captured from such a
 * release in src/test/resources/state-v0, with the answers it gave). This release restores that
 * state and answers every old id as the old one did.
 */
class AggregatorUpgradeIT {
    private static final String APPLICATION = "upgrade";
    private static final int PARTITIONS = 12;

    @TempDir
    Path dir;

    @Test
    void everyIdStoredByTheJsonReleaseIsAnsweredAsItWas() throws Exception {
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka/data"))) {
            // Given the changelogs of the aggregator's stores as the JSON release left them
            writeChangelogs(kafka.bootstrapServers(), read("changelog.tsv"));

            // When this release starts on them
            try (AggregatorApp app = AggregatorApp.startReady(kafka.bootstrapServers(), dir.resolve("state"),
                    "--calc.aggregator.application-id=" + APPLICATION)) {
                // Then every old id gets the answer the old release gave, and the totals are the old ones
                for (String[] answer : read("results.tsv")) {
                    AggregatorApp.Response response = app.get("/api/results/" + answer[0]);
                    assertThat(response.status()).as(answer[0]).isEqualTo(200);
                    assertThat(response.json()).as(answer[0]).isEqualTo(json(answer[1]));
                }
                JsonNode stats = app.get("/api/stats").json();
                assertThat(List.of(stats.path("requested").asLong(), stats.path("completed").asLong(),
                        stats.path("duplicates").asLong(), stats.path("deadLetters").asLong()))
                        .containsExactly(42L, 37L, 1L, 2L);
                JsonNode batch = app.get("/api/batches/old-batch").json();
                assertThat(List.of(batch.path("requested").asLong(), batch.path("completed").asLong(),
                        batch.path("ok").asLong(), batch.path("errors").asLong(), batch.path("pending").asLong()))
                        .containsExactly(33L, 29L, 25L, 4L, 4L);
                assertThat(batch.path("latencyMs").path("max").asLong()).isBetween(415L, 430L);
            }
        }
    }

    /** Per-request entries go to their id's partition, as the release's tasks wrote them; its other values to task 0's. */
    private static void writeChangelogs(String bootstrap, List<String[]> records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(StoreNames.ENTRIES, StoreNames.BATCHES, StoreNames.SERVICES,
                    StoreNames.SERVICE_SECONDS, StoreNames.TOTALS, StoreNames.DEAD_LETTERS).stream()
                    .map(store -> new NewTopic(changelog(store), store.equals(StoreNames.DEAD_LETTERS) ? 3 : PARTITIONS,
                            (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))
                    .toList()).all().get();
        }
        PartitionLayout layout = new PartitionLayout(PARTITIONS, 3, Map.of());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (String[] record : records) {
                int partition = record[0].equals(StoreNames.ENTRIES) ? layout.homeOf(record[1]) : 0;
                producer.send(new ProducerRecord<>(changelog(record[0]), partition, record[1],
                        Base64.getDecoder().decode(record[2]))).get();
            }
        }
    }

    private static String changelog(String store) {
        return APPLICATION + "-" + store + "-changelog";
    }

    private static List<String[]> read(String fixture) throws Exception {
        try (InputStream in = AggregatorUpgradeIT.class.getResourceAsStream("/state-v0/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(line -> line.split("\t", -1)).toList();
        }
    }

    private static JsonNode json(String text) {
        return calc.contract.CalcJson.mapper().readTree(text);
    }
}
