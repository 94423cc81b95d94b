package calc.aggregator.rollout;

import calc.aggregator.measure.LatencyHistogram;
import calc.aggregator.topology.ServiceSecond;
import java.util.List;

/**
 * What one (service, version) answered in a window: the per-second shares of every task whose
 * second lies in the window, merged. Shares outside the window are left out.
 */
public record WindowKpis(long ok, long errors, long mismatches, LatencyHistogram latency) {

    public static WindowKpis empty() {
        return new WindowKpis(0, 0, 0, LatencyHistogram.empty());
    }

    public static WindowKpis of(List<ServiceSecond> shares, Window window) {
        return shares.stream()
                .filter(share -> window.contains(share.epochSecond()))
                .map(share -> new WindowKpis(share.ok(), share.errors(), share.mismatches(), share.latency()))
                .reduce(empty(), WindowKpis::merge);
    }

    public WindowKpis merge(WindowKpis other) {
        return new WindowKpis(ok + other.ok, errors + other.errors, mismatches + other.mismatches,
                latency.merge(other.latency));
    }

    /** Results of the window, OK or ERROR. */
    public long requests() {
        return ok + errors;
    }

    /** Errors per result; 0 without results. */
    public double errorRate() {
        return requests() == 0 ? 0 : errors / (double) requests();
    }
}
