package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.measure.ReferenceArithmetic;
import calc.aggregator.measure.ResultLatency;
import calc.contract.CalculationResult;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What first results of one (service, version) came to: outcomes, mismatches against the reference
 * arithmetic and latencies. Mutable: the aggregate that holds it counts into it, and shares add up.
 */
final class ResultCounts {
    private long ok;
    private long errors;
    private long mismatches;
    private final Histogram latency;

    ResultCounts(long ok, long errors, long mismatches, Histogram latency) {
        this.ok = ok;
        this.errors = errors;
        this.mismatches = mismatches;
        this.latency = latency;
    }

    void count(CalculationResult result) {
        if (result.isOk()) {
            ok++;
        } else {
            errors++;
        }
        if (ReferenceArithmetic.isMismatch(result)) {
            mismatches++;
        }
        ResultLatency.millis(result).ifPresent(millis -> LatencyHistograms.record(latency, millis));
    }

    void add(ResultCounts other) {
        ok += other.ok;
        errors += other.errors;
        mismatches += other.mismatches;
        latency.add(other.latency);
    }

    long ok() {
        return ok;
    }

    long errors() {
        return errors;
    }

    long mismatches() {
        return mismatches;
    }

    Histogram latency() {
        return latency;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResultCounts that && ok == that.ok && errors == that.errors
                && mismatches == that.mismatches && latency.equals(that.latency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(latency, ok, errors, mismatches);
    }

    @Override
    public String toString() {
        return "ok=" + ok + ", errors=" + errors + ", mismatches=" + mismatches + ", latencies=" + latency.getTotalCount();
    }
}
