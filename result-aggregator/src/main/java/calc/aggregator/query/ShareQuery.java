package calc.aggregator.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What to read of a store: the value under one key, the values of some key ranges (both ends
 * inclusive), or every value. Written as the query string of the shares endpoint.
 */
public record ShareQuery(String key, List<String[]> ranges) {

    public static ShareQuery key(String key) {
        return new ShareQuery(key, List.of());
    }

    public static ShareQuery ranges(List<String[]> ranges) {
        return new ShareQuery(null, List.copyOf(ranges));
    }

    public static ShareQuery all() {
        return new ShareQuery(null, List.of());
    }

    boolean isAll() {
        return key == null && ranges.isEmpty();
    }

    String queryString() {
        List<String> parameters = new ArrayList<>();
        if (key != null) {
            parameters.add("key=" + encode(key));
        }
        for (String[] range : ranges) {
            parameters.add("from=" + encode(range[0]));
            parameters.add("to=" + encode(range[1]));
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
