package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.Operation;
import calc.contract.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The internal topics made before Kafka Streams starts are the ones its topology would make. */
class InternalTopicsTest {

    @Test
    void everyStoreHasItsChangelogWithItsSubtopologysPartitionCountAndTheRepartitionTopicIsThere() {
        // Given the topology on 12 result partitions and 3 dead-letter partitions
        Topics topics = Topics.defaults();
        PartitionLayout layout = new PartitionLayout(12, 3, Map.of(
                topics.requests(Operation.MULTIPLY).name(), 12,
                topics.requests(Operation.ADD).name(), 12,
                topics.calculationResults().name(), 12));
        StreamsBuilder builder = new StreamsBuilder();
        AggregatorTopology.build(builder, topics, layout, new Retention(Duration.ofHours(1), Duration.ofMinutes(1)));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        Topology topology = builder.build(config);

        // When the internal topics are listed
        Map<String, Integer> made = new HashMap<>();
        for (NewTopic topic : InternalTopics.of("app", layout, (short) 1)) {
            made.put(topic.name(), topic.numPartitions());
        }

        // Then each store of the topology has its changelog, partitioned as its subtopology's sources
        Map<String, Integer> expected = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            int partitions = subtopology.nodes().stream().anyMatch(node -> node.name().contains("dead")) ? 3 : 12;
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> expected.put(InternalTopics.changelog("app", store), partitions));
                }
            }
        }
        expected.put(AggregatorTopology.repartitionTopic("app"), 12);
        assertThat(made).isEqualTo(expected);
    }
}
