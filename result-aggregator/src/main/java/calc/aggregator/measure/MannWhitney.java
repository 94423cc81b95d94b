package calc.aggregator.measure;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * One-sided Mann–Whitney U test on two latency histograms: do the samples of one tend to be
 * larger than those of the other? Samples in the same histogram bucket count as ties (each gets
 * the bucket's mid-rank), the variance carries the tie correction, and the p-value comes from the
 * normal approximation with a continuity correction. Since the test uses ranks only, binning
 * loses nothing but the order within a bucket (1% wide at most).
 */
public final class MannWhitney {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private MannWhitney() {
    }

    /** The statistic of {@code larger}, its standard score and the one-sided p-value. */
    public record Result(double u, double z, double pValue) {
    }

    /**
     * Tests "samples of {@code larger} tend to exceed those of {@code reference}"; empty when either
     * has no samples. All samples in one bucket give no evidence either way: p = 1.
     */
    public static Optional<Result> greater(Histogram reference, Histogram larger) {
        return greater(reference, larger, 0.5);
    }

    /** As {@link #greater(Histogram, Histogram)} with a given continuity correction (0 for none). */
    static Optional<Result> greater(Histogram reference, Histogram larger, double continuityCorrection) {
        double n1 = reference.getTotalCount();
        double n2 = larger.getTotalCount();
        if (n1 == 0 || n2 == 0) {
            return Optional.empty();
        }
        double below = 0;
        double rankSum = 0;
        double ties = 0;
        for (long[] counts : countsByBucket(reference, larger).values()) {
            double inReference = counts[0];
            double inLarger = counts[1];
            double tied = inReference + inLarger;
            rankSum += inLarger * (below + (tied + 1) / 2);
            ties += tied * tied * tied - tied;
            below += tied;
        }
        double n = n1 + n2;
        double u = rankSum - n2 * (n2 + 1) / 2;
        double variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
        if (variance <= 0) {
            return Optional.of(new Result(u, 0, 1));
        }
        double z = (u - n1 * n2 / 2 - continuityCorrection) / Math.sqrt(variance);
        return Optional.of(new Result(u, z, upperTail(z)));
    }

    /** P(Z > z) for a standard normal Z, accurate far into the tail. */
    static double upperTail(double z) {
        return z > 0 ? STANDARD_NORMAL.cumulativeProbability(-z) : 1 - STANDARD_NORMAL.cumulativeProbability(z);
    }

    /** Per bucket (by its highest value), the samples of each histogram in it: [reference, larger]. */
    private static Map<Long, long[]> countsByBucket(Histogram reference, Histogram larger) {
        TreeMap<Long, long[]> buckets = new TreeMap<>();
        for (HistogramIterationValue value : reference.recordedValues()) {
            buckets.computeIfAbsent(value.getValueIteratedTo(), key -> new long[2])[0] += value.getCountAtValueIteratedTo();
        }
        for (HistogramIterationValue value : larger.recordedValues()) {
            buckets.computeIfAbsent(value.getValueIteratedTo(), key -> new long[2])[1] += value.getCountAtValueIteratedTo();
        }
        return buckets;
    }
}
