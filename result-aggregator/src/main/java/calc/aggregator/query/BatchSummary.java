package calc.aggregator.query;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.state.BatchAggregate;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * Progress of one batch over all tasks: distinct ids requested and completed, outcomes, ids still
 * pending, and latency percentiles (null until a result with both times arrived).
 */
public record BatchSummary(
        String batchId, long requested, long completed, long ok, long errors, long pending, Latency latencyMs) {

    public record Latency(Long p50, Long p95, Long p99, Long max) {
        static Latency of(Histogram histogram) {
            return new Latency(boxed(LatencyHistograms.percentile(histogram, 0.50)),
                    boxed(LatencyHistograms.percentile(histogram, 0.95)),
                    boxed(LatencyHistograms.percentile(histogram, 0.99)), boxed(LatencyHistograms.max(histogram)));
        }
    }

    public static BatchSummary of(String batchId, BatchAggregate merged) {
        return new BatchSummary(batchId, merged.requested(), merged.completed(), merged.ok(), merged.errors(),
                merged.requested() - merged.completed(), Latency.of(merged.latency()));
    }

    static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
