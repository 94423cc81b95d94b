package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.Operation;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Reads store values of format version 0, the JSON that releases before the binary format
 * wrote. Their latency histograms had log-scale buckets 2% wide; each bucket's samples are
 * recorded at the value that bucket reported as its percentile, so percentiles stay where they
 * were. What version 0 kept and version 1 does not (a request's submittedAt, a per-minute
 * completion ring) is dropped.
 */
final class LegacyJson {
    private static final double GAMMA = 1.02;

    private LegacyJson() {
    }

    record RequestSeenV0(String requestId, String batchId, Operation operation) {
    }

    record RequestEntryV0(RequestSeenV0 request, CalculationResult result, String batchId, long storedAtMs) {
    }

    record HistogramV0(@JsonProperty("b") long[] flat, Map<Integer, Long> buckets, long count, long max) {
    }

    record BatchV0(long requested, long completed, long ok, long errors, HistogramV0 latency, long updatedAtMs) {
    }

    record ServiceV0(String service, String version, long ok, long errors, long mismatches, HistogramV0 latency) {
    }

    record SecondV0(String service, String version, long epochSecond, long ok, long errors, long mismatches,
            HistogramV0 latency) {
    }

    static RequestEntry entry(byte[] json) {
        RequestEntryV0 v0 = CalcJson.fromBytes(json, RequestEntryV0.class);
        String requestId = v0.request() != null ? v0.request().requestId() : v0.result().requestId();
        return new RequestEntry(requestId, v0.request() == null ? null : v0.request().operation(), v0.result(),
                v0.batchId(), v0.storedAtMs());
    }

    static BatchAggregate batch(byte[] json) {
        BatchV0 v0 = CalcJson.fromBytes(json, BatchV0.class);
        return new BatchAggregate(v0.requested(), v0.completed(), v0.ok(), v0.errors(), histogram(v0.latency()),
                v0.updatedAtMs());
    }

    static ServiceAggregate service(byte[] json) {
        ServiceV0 v0 = CalcJson.fromBytes(json, ServiceV0.class);
        return new ServiceAggregate(v0.service(), v0.version(), v0.ok(), v0.errors(), v0.mismatches(),
                histogram(v0.latency()));
    }

    static ServiceSecond second(byte[] json) {
        SecondV0 v0 = CalcJson.fromBytes(json, SecondV0.class);
        return new ServiceSecond(v0.service(), v0.version(), v0.epochSecond(), v0.ok(), v0.errors(), v0.mismatches(),
                histogram(v0.latency()));
    }

    static Totals totals(byte[] json) {
        return CalcJson.fromBytes(json, Totals.class);
    }

    /** Version 0 wrote {@code "b"}: id, count, id, count...; earlier still {@code "buckets"}: id to count. */
    static Histogram histogram(HistogramV0 v0) {
        Histogram histogram = LatencyHistograms.empty();
        if (v0 == null) {
            return histogram;
        }
        TreeMap<Integer, Long> buckets = new TreeMap<>(v0.buckets() == null ? Map.of() : v0.buckets());
        for (int i = 0; v0.flat() != null && i + 1 < v0.flat().length; i += 2) {
            buckets.merge((int) v0.flat()[i], v0.flat()[i + 1], Long::sum);
        }
        buckets.forEach((bucket, count) -> histogram.recordValueWithCount(
                Math.min(v0.max(), representative(bucket)), count));
        return histogram;
    }

    /** What version 0 reported for a sample in {@code bucket}: the value closest, relatively, to all of the bucket. */
    static long representative(int bucket) {
        return bucket == 0 ? 0 : Math.round(2 * Math.pow(GAMMA, bucket - 1) / (GAMMA + 1));
    }
}
