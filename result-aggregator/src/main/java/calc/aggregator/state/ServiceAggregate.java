package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.measure.ReferenceArithmetic;
import calc.aggregator.measure.ResultLatency;
import calc.contract.CalculationResult;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One task's share of what a (service, version) answered: first results only (duplicates are
 * counted apart), their outcomes, mismatches against the reference arithmetic and latencies.
 * Mutable: the task that owns it counts into it between commits, and a query adds shares into a
 * fresh one.
 */
public final class ServiceAggregate {
    private final String service;
    private final String version;
    private long ok;
    private long errors;
    private long mismatches;
    private final Histogram latency;

    public ServiceAggregate(String service, String version, long ok, long errors, long mismatches, Histogram latency) {
        this.service = service;
        this.version = version;
        this.ok = ok;
        this.errors = errors;
        this.mismatches = mismatches;
        this.latency = latency;
    }

    public static ServiceAggregate empty(String service, String version) {
        return new ServiceAggregate(service, version, 0, 0, 0, LatencyHistograms.empty());
    }

    /** The store key of a (service, version). */
    public static String key(String service, String version) {
        return service + "/" + version;
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

    /** Adds another share of the same (service, version) into this one. */
    public ServiceAggregate add(ServiceAggregate other) {
        ok += other.ok;
        errors += other.errors;
        mismatches += other.mismatches;
        latency.add(other.latency);
        return this;
    }

    public String service() {
        return service;
    }

    public String version() {
        return version;
    }

    /** Answers given, OK or ERROR. */
    public long requests() {
        return ok + errors;
    }

    public long ok() {
        return ok;
    }

    public long errors() {
        return errors;
    }

    public long mismatches() {
        return mismatches;
    }

    public Histogram latency() {
        return latency;
    }

    /** Equal when every count and the latencies are: a value comparison, for tests and for checks of stored state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceAggregate that && ok == that.ok && errors == that.errors
                && mismatches == that.mismatches && service.equals(that.service) && version.equals(that.version)
                && latency.equals(that.latency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, version, latency, ok, errors, mismatches);
    }

    @Override
    public String toString() {
        return "ServiceAggregate[" + service + "/" + version + ": ok=" + ok + ", errors=" + errors
                + ", mismatches=" + mismatches + ", latencies=" + latency.getTotalCount() + "]";
    }
}
