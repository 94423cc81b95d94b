package calc.aggregator.query;

import calc.aggregator.state.StoreNames;
import calc.aggregator.state.StreamsRuntime;
import calc.aggregator.state.StreamsUnavailableException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

/**
 * The instances of the application as Kafka Streams knows them (each by its
 * {@code application.server}), and which one holds a request id: the active instance of the
 * id's home partition, found by Spring Kafka's interactive query service with the results'
 * partitioner (Kafka's default partitioner over the id's UTF-8 bytes).
 */
public class Instances {
    private final StreamsRuntime runtime;
    private final KafkaStreamsInteractiveQueryService queries;

    public Instances(StreamsRuntime runtime, KafkaStreamsInteractiveQueryService queries) {
        this.runtime = runtime;
        this.queries = queries;
    }

    public Instance self() {
        HostInfo host = queries.getCurrentKafkaStreamsApplicationHostInfo();
        if (host == null) {
            throw new IllegalStateException("application.server is not set");
        }
        return Instance.of(host);
    }

    /** Every instance that is a member of the group now, this one included, in name order. */
    public SortedSet<Instance> all() {
        SortedSet<Instance> all = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        all.add(self());
        for (StreamsMetadata member : runtime.whenRunning().metadataForAllStreamsClients()) {
            all.add(Instance.of(member.hostInfo()));
        }
        return all;
    }

    /** The instance that holds {@code requestId}'s entry; empty while no instance holds its partition. */
    public Optional<Instance> holderOf(String requestId) {
        runtime.whenRunning();
        HostInfo host;
        try {
            host = queries.getKafkaStreamsApplicationHostInfo(StoreNames.ENTRIES, requestId,
                    Serdes.String().serializer());
        } catch (IllegalStateException e) {
            throw new StreamsUnavailableException("the aggregator cannot tell which instance holds " + requestId
                    + " right now (" + e.getMessage() + "); retry shortly", e);
        }
        if (host == null || host.equals(KeyQueryMetadata.NOT_AVAILABLE.activeHost())) {
            return Optional.empty();
        }
        return Optional.of(Instance.of(host));
    }
}
