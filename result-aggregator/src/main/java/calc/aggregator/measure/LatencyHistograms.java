package calc.aggregator.measure;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The aggregator's latency histograms: HdrHistogram with two significant digits, so that every
 * percentile is within 1% of a true sample value, resizing itself to the largest latency seen.
 * Negative latencies (from clocks that disagree) count as zero. Stored as HdrHistogram's own
 * encoding, which writes runs of empty buckets as one number.
 */
public final class LatencyHistograms {
    static final int SIGNIFICANT_DIGITS = 2;

    private LatencyHistograms() {
    }

    public static Histogram empty() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    public static Histogram of(long... latenciesMs) {
        Histogram histogram = empty();
        for (long latency : latenciesMs) {
            record(histogram, latency);
        }
        return histogram;
    }

    public static void record(Histogram histogram, long latencyMs) {
        histogram.recordValue(Math.max(0, latencyMs));
    }

    /** The value at or below which {@code quantile} (0..1] of the samples lie; empty without samples. */
    public static OptionalLong percentile(Histogram histogram, double quantile) {
        if (histogram.getTotalCount() == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.min(histogram.getValueAtPercentile(quantile * 100), histogram.getMaxValue()));
    }

    public static OptionalLong max(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? OptionalLong.empty() : OptionalLong.of(histogram.getMaxValue());
    }

    /** A copy that holds the samples of both. */
    public static Histogram merged(Histogram a, Histogram b) {
        Histogram merged = a.copy();
        merged.add(b);
        return merged;
    }

    public static void write(Histogram histogram, ByteBuffer out) {
        histogram.encodeIntoByteBuffer(out);
    }

    /** The most bytes {@link #write} may need for {@code histogram}. */
    public static int maxEncodedSize(Histogram histogram) {
        return histogram.getNeededByteBufferCapacity();
    }

    public static Histogram read(ByteBuffer in) {
        try {
            Histogram histogram = Histogram.decodeFromByteBuffer(in, 0);
            histogram.setAutoResize(true);
            return histogram;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an encoded latency histogram", e);
        }
    }
}
