package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
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
    private final ResultCounts counts;

    public ServiceAggregate(String service, String version, long ok, long errors, long mismatches, Histogram latency) {
        this.service = service;
        this.version = version;
        this.counts = new ResultCounts(ok, errors, mismatches, latency);
    }

    public static ServiceAggregate empty(String service, String version) {
        return new ServiceAggregate(service, version, 0, 0, 0, LatencyHistograms.empty());
    }

    /** The store key of a (service, version). */
    public static String key(String service, String version) {
        return service + "/" + version;
    }

    void count(CalculationResult result) {
        counts.count(result);
    }

    /** Adds another share of the same (service, version) into this one. */
    public ServiceAggregate add(ServiceAggregate other) {
        counts.add(other.counts);
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
        return counts.ok() + counts.errors();
    }

    public long ok() {
        return counts.ok();
    }

    public long errors() {
        return counts.errors();
    }

    public long mismatches() {
        return counts.mismatches();
    }

    public Histogram latency() {
        return counts.latency();
    }

    /** Equal when every count and the latencies are: a value comparison, for tests and for checks of stored state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceAggregate that && service.equals(that.service) && version.equals(that.version)
                && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, version, counts);
    }

    @Override
    public String toString() {
        return "ServiceAggregate[" + service + "/" + version + ": " + counts + "]";
    }
}
