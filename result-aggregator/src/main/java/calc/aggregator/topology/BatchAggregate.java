package calc.aggregator.topology;

import calc.aggregator.measure.LatencyHistogram;
import calc.aggregator.measure.ResultLatency;
import calc.contract.CalculationResult;

/**
 * One task's share of a batch: distinct ids requested and completed, their outcomes and
 * latencies. Shares of all tasks merge into the batch summary. {@code updatedAtMs} (wall clock)
 * lets retention drop batches nobody touched for a long time.
 */
public record BatchAggregate(
        long requested, long completed, long ok, long errors, LatencyHistogram latency, long updatedAtMs) {

    public static BatchAggregate empty() {
        return new BatchAggregate(0, 0, 0, 0, LatencyHistogram.empty(), 0);
    }

    public BatchAggregate withRequested(long nowMs) {
        return new BatchAggregate(requested + 1, completed, ok, errors, latency, nowMs);
    }

    public BatchAggregate withCompleted(CalculationResult result, long nowMs) {
        LatencyHistogram next = ResultLatency.millis(result).stream()
                .mapToObj(latency::record).findFirst().orElse(latency);
        return new BatchAggregate(requested, completed + 1, ok + (result.isOk() ? 1 : 0),
                errors + (result.isOk() ? 0 : 1), next, nowMs);
    }

    public BatchAggregate merge(BatchAggregate other) {
        return new BatchAggregate(requested + other.requested, completed + other.completed, ok + other.ok,
                errors + other.errors, latency.merge(other.latency), Math.max(updatedAtMs, other.updatedAtMs));
    }

    public boolean isExpired(long nowMs, long retentionMs) {
        return nowMs - updatedAtMs > retentionMs;
    }
}
