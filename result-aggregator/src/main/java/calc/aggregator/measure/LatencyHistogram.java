package calc.aggregator.measure;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A mergeable latency histogram with log-scale buckets: any percentile it reports is within
 * about 1% of a true sample value, and it never holds more than a few thousand buckets however
 * many samples it saw, so its size stays bounded. Percentiles never exceed the exact maximum.
 * Immutable.
 *
 * <p>Bucket 0 holds zero (and negative, from clock skew) latencies; bucket {@code k + 1} holds
 * values in {@code (GAMMA^(k-1), GAMMA^k]}.
 *
 * <p>The aggregator reads and writes a histogram's JSON for every result it counts, so both the
 * memory form (sorted bucket ids beside their counts) and the JSON form ({@code "b"}: id, count,
 * id, count, ...) are flat arrays; the JSON of earlier versions ({@code "buckets"}: an object of
 * id to count) is still read.
 */
public final class LatencyHistogram {
    /** Bucket width ratio; the relative error of a representative value is (GAMMA-1)/(GAMMA+1), about 0.99%. */
    static final double GAMMA = 1.02;
    private static final double LOG_GAMMA = Math.log(GAMMA);
    private static final LatencyHistogram EMPTY = new LatencyHistogram(new int[0], new long[0], 0, 0);

    private final int[] ids;
    private final long[] counts;
    private final long count;
    private final long max;

    private LatencyHistogram(int[] ids, long[] counts, long count, long max) {
        this.ids = ids;
        this.counts = counts;
        this.count = count;
        this.max = max;
    }

    public static LatencyHistogram empty() {
        return EMPTY;
    }

    @JsonCreator
    static LatencyHistogram fromJson(@JsonProperty("b") long[] flat, @JsonProperty("buckets") Map<Integer, Long> buckets,
            @JsonProperty("count") long count, @JsonProperty("max") long max) {
        if (buckets == null && flat != null && isSortedPairs(flat)) {
            int[] ids = new int[flat.length / 2];
            long[] counts = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) flat[2 * i];
                counts[i] = flat[2 * i + 1];
            }
            return new LatencyHistogram(ids, counts, count, max);
        }
        TreeMap<Integer, Long> sorted = new TreeMap<>(buckets == null ? Map.of() : buckets);
        for (int i = 0; flat != null && i + 1 < flat.length; i += 2) {
            sorted.merge((int) flat[i], flat[i + 1], Long::sum);
        }
        int[] ids = sorted.keySet().stream().mapToInt(Integer::intValue).toArray();
        long[] counts = sorted.values().stream().mapToLong(Long::longValue).toArray();
        return new LatencyHistogram(ids, counts, count, max);
    }

    /** True for what {@link #flat()} writes: whole pairs, ids strictly ascending. */
    private static boolean isSortedPairs(long[] flat) {
        if (flat.length % 2 != 0) {
            return false;
        }
        for (int i = 2; i < flat.length; i += 2) {
            if (flat[i] <= flat[i - 2]) {
                return false;
            }
        }
        return true;
    }

    /** Bucket id and count, one pair after the other, by ascending id. */
    @JsonProperty("b")
    long[] flat() {
        long[] flat = new long[ids.length * 2];
        for (int i = 0; i < ids.length; i++) {
            flat[2 * i] = ids[i];
            flat[2 * i + 1] = counts[i];
        }
        return flat;
    }

    @JsonProperty("count")
    public long count() {
        return count;
    }

    @JsonProperty("max")
    public long max() {
        return max;
    }

    /** Count per bucket id, by ascending id. */
    @JsonIgnore
    public SortedMap<Integer, Long> buckets() {
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            buckets.put(ids[i], counts[i]);
        }
        return Collections.unmodifiableSortedMap(buckets);
    }

    /** A histogram with one more sample; negative latencies count as zero. */
    public LatencyHistogram record(long latencyMs) {
        long value = Math.max(0, latencyMs);
        int bucket = bucketOf(value);
        int at = Arrays.binarySearch(ids, bucket);
        if (at >= 0) {
            long[] nextCounts = counts.clone();
            nextCounts[at]++;
            return new LatencyHistogram(ids, nextCounts, count + 1, Math.max(max, value));
        }
        int insertAt = -at - 1;
        int[] nextIds = new int[ids.length + 1];
        long[] nextCounts = new long[ids.length + 1];
        System.arraycopy(ids, 0, nextIds, 0, insertAt);
        System.arraycopy(counts, 0, nextCounts, 0, insertAt);
        nextIds[insertAt] = bucket;
        nextCounts[insertAt] = 1;
        System.arraycopy(ids, insertAt, nextIds, insertAt + 1, ids.length - insertAt);
        System.arraycopy(counts, insertAt, nextCounts, insertAt + 1, ids.length - insertAt);
        return new LatencyHistogram(nextIds, nextCounts, count + 1, Math.max(max, value));
    }

    public LatencyHistogram merge(LatencyHistogram other) {
        int[] mergedIds = new int[ids.length + other.ids.length];
        long[] mergedCounts = new long[mergedIds.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ids.length || j < other.ids.length) {
            if (j == other.ids.length || (i < ids.length && ids[i] < other.ids[j])) {
                mergedIds[n] = ids[i];
                mergedCounts[n++] = counts[i++];
            } else if (i == ids.length || other.ids[j] < ids[i]) {
                mergedIds[n] = other.ids[j];
                mergedCounts[n++] = other.counts[j++];
            } else {
                mergedIds[n] = ids[i];
                mergedCounts[n++] = counts[i++] + other.counts[j++];
            }
        }
        return new LatencyHistogram(Arrays.copyOf(mergedIds, n), Arrays.copyOf(mergedCounts, n),
                count + other.count, Math.max(max, other.max));
    }

    /** The value below or at which a {@code quantile} (0..1] of the samples lie; empty without samples. */
    public OptionalLong percentile(double quantile) {
        if (count == 0) {
            return OptionalLong.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < ids.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return OptionalLong.of(Math.min(max, representative(ids[i])));
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

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram that && count == that.count && max == that.max
                && Arrays.equals(ids, that.ids) && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(counts) + Long.hashCode(count) * 17 + Long.hashCode(max);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + count + ", max=" + max + ", buckets=" + buckets() + "]";
    }
}
