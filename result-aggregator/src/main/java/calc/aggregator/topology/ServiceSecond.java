package calc.aggregator.topology;

import calc.aggregator.measure.LatencyHistogram;
import calc.aggregator.measure.ReferenceArithmetic;
import calc.aggregator.measure.ResultLatency;
import calc.contract.CalculationResult;
import java.util.Locale;

/**
 * One task's share of what a (service, version) answered in one second of completedAt: first
 * results only, their outcomes, mismatches against the reference arithmetic and latencies. Shares
 * of all tasks and of every second of a window merge into the window's figures.
 *
 * <p>Stored under {@link #key}: service, version and the epoch second, zero-padded so that the
 * keys of one (service, version) sort by time and a window is one key range.
 */
public record ServiceSecond(String service, String version, long epochSecond, long ok, long errors, long mismatches,
        LatencyHistogram latency) {

    public static ServiceSecond empty(String service, String version, long epochSecond) {
        return new ServiceSecond(service, version, epochSecond, 0, 0, 0, LatencyHistogram.empty());
    }

    /** Built for every result counted, hence by hand: String.format cost more than the rest of the count. */
    public static String key(String service, String version, long epochSecond) {
        if (epochSecond < 0) {
            return service + "/" + version + "/" + String.format(Locale.ROOT, "%012d", epochSecond);
        }
        String digits = Long.toString(epochSecond);
        return service + "/" + version + "/" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    public ServiceSecond with(CalculationResult result) {
        LatencyHistogram nextLatency = ResultLatency.millis(result).stream()
                .mapToObj(latency::record).findFirst().orElse(latency);
        return new ServiceSecond(service, version, epochSecond, ok + (result.isOk() ? 1 : 0),
                errors + (result.isOk() ? 0 : 1), mismatches + (ReferenceArithmetic.isMismatch(result) ? 1 : 0),
                nextLatency);
    }
}
