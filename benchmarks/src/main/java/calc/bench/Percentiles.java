package calc.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a set of latencies in milliseconds. */
record Percentiles(long count, long p50, long p99, long p999, long max) {

    static Percentiles of(long[] millis) {
        if (millis.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), rank(sorted, 0.999),
                sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("p50Ms", p50);
        map.put("p99Ms", p99);
        map.put("p999Ms", p999);
        map.put("maxMs", max);
        return map;
    }
}
