package calc.aggregator.query;

import calc.aggregator.state.LocalStores.Share;
import calc.aggregator.state.LocalStores;
import calc.aggregator.state.StoreFormat;
import calc.aggregator.web.IncompleteAnswerException;
import calc.aggregator.web.PeerUnavailableException;
import calc.contract.CalcJson;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads a store over every instance of the application: this instance's share from its own
 * state, every other's through its shares endpoint ({@link SharesController}). The answers must
 * cover each of the store's partitions exactly once: a partition nobody answered for (an instance
 * down, or the group rebalancing) or answered twice (it moved between two calls) makes the read
 * fail with {@link IncompleteAnswerException}, naming what is missing, rather than return a
 * partial figure.
 */
public class ClusterShares {
    private final LocalStores local;
    private final Instances instances;
    private final Peers peers;

    public ClusterShares(LocalStores local, Instances instances, Peers peers) {
        this.local = local;
        this.instances = instances;
        this.peers = peers;
    }

    /** This instance's own share, as the shares endpoint gives it. */
    public <V> Share<V> localShare(String store, ShareQuery query) {
        if (query.key() != null) {
            return local.valuesFor(store, query.key());
        }
        if (query.isAll()) {
            return local.allValues(store);
        }
        SortedSet<Integer> partitions = null;
        List<V> values = new ArrayList<>();
        for (String[] range : query.ranges()) {
            Share<V> share = local.range(store, range[0], range[1]);
            partitions = share.partitions();
            values.addAll(share.values());
        }
        return new Share<>(partitions, values);
    }

    public <V> List<V> read(String store, ShareQuery query) {
        Instance self = instances.self();
        Map<Integer, Instance> answeredBy = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<V> values = new ArrayList<>();
        for (Instance instance : instances.all()) {
            Share<V> share;
            try {
                share = instance.equals(self) ? localShare(store, query) : remoteShare(instance, store, query);
            } catch (PeerUnavailableException e) {
                failures.add(e.getMessage());
                continue;
            }
            for (int partition : share.partitions()) {
                Instance before = answeredBy.put(partition, instance);
                if (before != null) {
                    throw new IncompleteAnswerException("partition " + partition + " of " + store + " was answered by "
                            + before + " and by " + instance + ": it moved during the query; retry shortly");
                }
            }
            values.addAll(share.values());
        }
        SortedSet<Integer> missing = new TreeSet<>();
        for (int partition = 0; partition < local.layout().tasksOf(store); partition++) {
            if (!answeredBy.containsKey(partition)) {
                missing.add(partition);
            }
        }
        if (!missing.isEmpty()) {
            throw new IncompleteAnswerException("partitions " + missing + " of " + store + " were not answered"
                    + (failures.isEmpty() ? " (no running instance holds them now: the group is rebalancing)"
                            : ": " + String.join("; ", failures)) + "; retry shortly");
        }
        return values;
    }

    private <V> Share<V> remoteShare(Instance instance, String store, ShareQuery query) {
        HttpResponse<byte[]> response = peers.get(instance, SharesController.PATH + store + query.queryString());
        if (response.statusCode() != 200) {
            throw new PeerUnavailableException(instance.toString(), "it answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), null);
        }
        ShareBody body;
        try {
            body = CalcJson.fromBytes(response.body(), ShareBody.class);
        } catch (JacksonException e) {
            throw new PeerUnavailableException(instance.toString(), "its answer is not a share", e);
        }
        Deserializer<V> values = StoreFormat.<V>of(store).deserializer();
        Base64.Decoder base64 = Base64.getDecoder();
        return new Share<>(new TreeSet<>(body.partitions()), body.values().stream()
                .map(value -> values.deserialize(store, base64.decode(value)))
                .collect(Collectors.toList()));
    }
}
