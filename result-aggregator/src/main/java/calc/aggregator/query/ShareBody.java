package calc.aggregator.query;

import java.util.List;

/**
 * One instance's share of a store, as it answers another instance: the partitions it read and
 * the values found there, each in the store's own format ({@code StoreFormat}), Base64-encoded.
 */
public record ShareBody(String instance, List<Integer> partitions, List<String> values) {

    public ShareBody {
        partitions = List.copyOf(partitions);
        values = List.copyOf(values);
    }
}
