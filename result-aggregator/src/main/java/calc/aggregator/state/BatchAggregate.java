package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.measure.ResultLatency;
import calc.contract.CalculationResult;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One task's share of a batch: distinct ids requested and completed, their outcomes and
 * latencies; shares of all tasks add up to the batch. {@code updatedAtMs} (wall clock) lets
 * retention drop batches nobody touched for a long time. Mutable: the task that owns it counts
 * into it between commits, and a query adds shares into a fresh one.
 */
public final class BatchAggregate {
    private long requested;
    private long completed;
    private long ok;
    private long errors;
    private final Histogram latency;
    private long updatedAtMs;

    public BatchAggregate(long requested, long completed, long ok, long errors, Histogram latency, long updatedAtMs) {
        this.requested = requested;
        this.completed = completed;
        this.ok = ok;
        this.errors = errors;
        this.latency = latency;
        this.updatedAtMs = updatedAtMs;
    }

    public static BatchAggregate empty() {
        return new BatchAggregate(0, 0, 0, 0, LatencyHistograms.empty(), 0);
    }

    void countRequested(long nowMs) {
        requested++;
        updatedAtMs = nowMs;
    }

    void countCompleted(CalculationResult result, long nowMs) {
        completed++;
        if (result.isOk()) {
            ok++;
        } else {
            errors++;
        }
        ResultLatency.millis(result).ifPresent(millis -> LatencyHistograms.record(latency, millis));
        updatedAtMs = nowMs;
    }

    /** Adds another share of the same batch into this one. */
    public BatchAggregate add(BatchAggregate other) {
        requested += other.requested;
        completed += other.completed;
        ok += other.ok;
        errors += other.errors;
        latency.add(other.latency);
        updatedAtMs = Math.max(updatedAtMs, other.updatedAtMs);
        return this;
    }

    boolean isExpired(long nowMs, long retentionMs) {
        return nowMs - updatedAtMs > retentionMs;
    }

    public long requested() {
        return requested;
    }

    public long completed() {
        return completed;
    }

    public long ok() {
        return ok;
    }

    public long errors() {
        return errors;
    }

    public Histogram latency() {
        return latency;
    }

    public long updatedAtMs() {
        return updatedAtMs;
    }

    /** Equal when every count and the latencies are: a value comparison, for tests and for checks of stored state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BatchAggregate that && requested == that.requested && completed == that.completed
                && ok == that.ok && errors == that.errors && updatedAtMs == that.updatedAtMs
                && latency.equals(that.latency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(latency, requested, completed, ok, errors, updatedAtMs);
    }

    @Override
    public String toString() {
        return "BatchAggregate[requested=" + requested + ", completed=" + completed + ", ok=" + ok + ", errors="
                + errors + ", latencies=" + latency.getTotalCount() + ", updatedAtMs=" + updatedAtMs + "]";
    }
}
