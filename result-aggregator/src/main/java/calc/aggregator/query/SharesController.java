package calc.aggregator.query;

import calc.aggregator.state.LocalStores.Share;
import calc.aggregator.state.StoreFormat;
import calc.aggregator.state.StoreNames;
import calc.aggregator.web.InvalidParameterException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/shares/{store}?key=K} (or {@code ?from=A&to=B}, repeatable, or nothing for
 * every value): this instance's share of an aggregate store, for another instance to merge
 * ({@link ClusterShares}). Read-only; the per-request entries are not served here: a request's
 * entry is asked of the instance that holds it.
 */
@RestController
public class SharesController {
    static final String PATH = "/internal/shares/";
    private static final Set<String> SHARED = Set.of(StoreNames.BATCHES, StoreNames.SERVICES,
            StoreNames.SERVICE_SECONDS, StoreNames.TOTALS, StoreNames.DEAD_LETTERS);

    private final ClusterShares shares;
    private final Instances instances;

    public SharesController(ClusterShares shares, Instances instances) {
        this.shares = shares;
        this.instances = instances;
    }

    @GetMapping(PATH + "{store}")
    public ShareBody share(@PathVariable String store, @RequestParam(required = false) String key,
            @RequestParam(required = false) List<String> from, @RequestParam(required = false) List<String> to) {
        if (!SHARED.contains(store)) {
            throw new InvalidParameterException("no shared store " + store + "; shared: " + SHARED);
        }
        Share<Object> share = shares.localShare(store, query(key, from, to));
        Serializer<Object> values = StoreFormat.of(store).serializer();
        Base64.Encoder base64 = Base64.getEncoder();
        return new ShareBody(instances.self().toString(), new ArrayList<>(share.partitions()),
                share.values().stream().map(value -> base64.encodeToString(values.serialize(store, value))).toList());
    }

    private static ShareQuery query(String key, List<String> from, List<String> to) {
        List<String> froms = from == null ? List.of() : from;
        List<String> tos = to == null ? List.of() : to;
        if (froms.size() != tos.size() || key != null && !froms.isEmpty()) {
            throw new InvalidParameterException("give one key, or as many from as to parameters");
        }
        if (key != null) {
            return ShareQuery.key(key);
        }
        List<String[]> ranges = new ArrayList<>();
        for (int i = 0; i < froms.size(); i++) {
            ranges.add(new String[] {froms.get(i), tos.get(i)});
        }
        return ranges.isEmpty() ? ShareQuery.all() : ShareQuery.ranges(ranges);
    }
}
