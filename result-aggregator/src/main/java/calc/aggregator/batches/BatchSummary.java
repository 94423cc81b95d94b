package calc.aggregator.batches;

import calc.aggregator.measure.LatencyHistogram;
import calc.aggregator.topology.BatchAggregate;
import java.util.OptionalLong;

/**
 * Progress of one batch over all tasks: distinct ids requested and completed, outcomes, ids still
 * pending, and latency percentiles (null until a result with both times arrived).
 */
public record BatchSummary(
        String batchId, long requested, long completed, long ok, long errors, long pending, Latency latencyMs) {

    public record Latency(Long p50, Long p95, Long p99, Long max) {
        static Latency of(LatencyHistogram histogram) {
            return new Latency(boxed(histogram.percentile(0.50)), boxed(histogram.percentile(0.95)),
                    boxed(histogram.percentile(0.99)), histogram.count() == 0 ? null : histogram.max());
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
