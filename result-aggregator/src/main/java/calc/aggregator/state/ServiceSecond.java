package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
import calc.contract.CalculationResult;
import java.util.Locale;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One task's share of what a (service, version) answered in one second of completedAt: first
 * results only, their outcomes, mismatches against the reference arithmetic and latencies. Shares
 * of all tasks and of every second of a window add up to the window's figures. Mutable, like the
 * other aggregates.
 *
 * <p>Stored under {@link #key}: service, version and the epoch second, zero-padded so that the
 * keys of one (service, version) sort by time and a window is one key range.
 */
public final class ServiceSecond {
    private final String service;
    private final String version;
    private final long epochSecond;
    private final ResultCounts counts;

    public ServiceSecond(String service, String version, long epochSecond, long ok, long errors, long mismatches,
            Histogram latency) {
        this.service = service;
        this.version = version;
        this.epochSecond = epochSecond;
        this.counts = new ResultCounts(ok, errors, mismatches, latency);
    }

    public static ServiceSecond empty(String service, String version, long epochSecond) {
        return new ServiceSecond(service, version, epochSecond, 0, 0, 0, LatencyHistograms.empty());
    }

    /** Built for every result counted, hence by hand: String.format cost more than the rest of the count. */
    public static String key(String service, String version, long epochSecond) {
        if (epochSecond < 0) {
            return service + "/" + version + "/" + String.format(Locale.ROOT, "%012d", epochSecond);
        }
        String digits = Long.toString(epochSecond);
        return service + "/" + version + "/" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    void count(CalculationResult result) {
        counts.count(result);
    }

    /** Adds another share of the same (service, version) into this one, whatever its second. */
    public ServiceSecond add(ServiceSecond other) {
        counts.add(other.counts);
        return this;
    }

    public String service() {
        return service;
    }

    public String version() {
        return version;
    }

    public long epochSecond() {
        return epochSecond;
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
        return other instanceof ServiceSecond that && epochSecond == that.epochSecond && service.equals(that.service) && version.equals(that.version)
                && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, version, epochSecond, counts);
    }

    @Override
    public String toString() {
        return "ServiceSecond[" + service + "/" + version + "@" + epochSecond + ": " + counts + "]";
    }
}
