package calc.aggregator.rollout;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.state.ServiceSecond;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one (service, version) answered in a window: the per-second shares of every task whose
 * second lies in the window, added up. Shares outside the window are left out.
 */
public record WindowKpis(long ok, long errors, long mismatches, Histogram latency) {

    public static WindowKpis empty() {
        return new WindowKpis(0, 0, 0, LatencyHistograms.empty());
    }

    public static WindowKpis of(List<ServiceSecond> shares, Window window) {
        long ok = 0;
        long errors = 0;
        long mismatches = 0;
        Histogram latency = LatencyHistograms.empty();
        for (ServiceSecond share : shares) {
            if (window.contains(share.epochSecond())) {
                ok += share.ok();
                errors += share.errors();
                mismatches += share.mismatches();
                latency.add(share.latency());
            }
        }
        return new WindowKpis(ok, errors, mismatches, latency);
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
