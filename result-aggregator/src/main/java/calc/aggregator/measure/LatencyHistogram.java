package calc.aggregator.measure;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A mergeable latency histogram with log-scale buckets: any percentile it reports is within
 * about 1% of a true sample value, and it never holds more than a few thousand buckets however
 * many samples it saw, so its size stays bounded. Percentiles never exceed the exact maximum.
 *
 * <p>Bucket 0 holds zero (and negative, from clock skew) latencies; bucket {@code k + 1} holds
 * values in {@code (GAMMA^(k-1), GAMMA^k]}.
 */
public record LatencyHistogram(SortedMap<Integer, Long> buckets, long count, long max) {
    /** Bucket width ratio; the relative error of a representative value is (GAMMA-1)/(GAMMA+1), about 0.99%. */
    static final double GAMMA = 1.02;
    private static final double LOG_GAMMA = Math.log(GAMMA);

    public LatencyHistogram {
        buckets = Collections.unmodifiableSortedMap(new TreeMap<>(buckets == null ? Map.of() : buckets));
    }

    public static LatencyHistogram empty() {
        return new LatencyHistogram(new TreeMap<>(), 0, 0);
    }

    /** A histogram with one more sample; negative latencies count as zero. */
    public LatencyHistogram record(long latencyMs) {
        long value = Math.max(0, latencyMs);
        TreeMap<Integer, Long> next = new TreeMap<>(buckets);
        next.merge(bucketOf(value), 1L, Long::sum);
        return new LatencyHistogram(next, count + 1, Math.max(max, value));
    }

    public LatencyHistogram merge(LatencyHistogram other) {
        TreeMap<Integer, Long> next = new TreeMap<>(buckets);
        other.buckets.forEach((bucket, n) -> next.merge(bucket, n, Long::sum));
        return new LatencyHistogram(next, count + other.count, Math.max(max, other.max));
    }

    /** The value below or at which a {@code quantile} (0..1] of the samples lie; empty without samples. */
    public OptionalLong percentile(double quantile) {
        if (count == 0) {
            return OptionalLong.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return OptionalLong.of(Math.min(max, representative(bucket.getKey())));
            }
        }
        return OptionalLong.of(max);
    }

    static int bucketOf(long value) {
        if (value == 0) {
            return 0;
        }
        return 1 + (int) Math.ceil(Math.log(value) / LOG_GAMMA);
    }

    /** The value that is closest, relatively, to every value of the bucket. */
    private static long representative(int bucket) {
        if (bucket == 0) {
            return 0;
        }
        return Math.round(2 * Math.pow(GAMMA, bucket - 1) / (GAMMA + 1));
    }
}
