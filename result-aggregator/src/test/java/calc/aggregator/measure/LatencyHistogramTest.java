package calc.aggregator.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import calc.contract.CalcJson;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfAWideUniformSpreadAreWithinOnePercent() {
        // Given latencies spread evenly over 1..100000 ms
        LatencyHistogram histogram = LongStream.rangeClosed(1, 10_000).map(i -> i * 10)
                .boxed().reduce(LatencyHistogram.empty(), LatencyHistogram::record, LatencyHistogram::merge);

        // Then each percentile is the true one within 1%, and max is exact
        assertThat(histogram.percentile(0.50).getAsLong()).isCloseTo(50_000L, within(500L));
        assertThat(histogram.percentile(0.95).getAsLong()).isCloseTo(95_000L, within(950L));
        assertThat(histogram.percentile(0.99).getAsLong()).isCloseTo(99_000L, within(990L));
        assertThat(histogram.max()).isEqualTo(100_000L);
        assertThat(histogram.count()).isEqualTo(10_000L);
        assertThat(histogram.buckets()).hasSizeLessThan(700);
    }

    @Test
    void smallLatenciesAreExact() {
        // Given a handful of small integer latencies
        LatencyHistogram histogram = LatencyHistogram.empty().record(3).record(4).record(4).record(5).record(0);

        // Then percentiles land on the sample values themselves
        assertThat(histogram.percentile(0.2)).hasValue(0);
        assertThat(histogram.percentile(0.5)).hasValue(4);
        assertThat(histogram.percentile(0.99)).hasValue(5);
        assertThat(histogram.max()).isEqualTo(5);
    }

    @Test
    void mergingTwoHalvesEqualsRecordingTheWhole() {
        // Given the same samples split over two task shares
        LatencyHistogram odd = LongStream.rangeClosed(1, 999).filter(v -> v % 2 == 1)
                .boxed().reduce(LatencyHistogram.empty(), LatencyHistogram::record, LatencyHistogram::merge);
        LatencyHistogram even = LongStream.rangeClosed(1, 999).filter(v -> v % 2 == 0)
                .boxed().reduce(LatencyHistogram.empty(), LatencyHistogram::record, LatencyHistogram::merge);
        LatencyHistogram whole = LongStream.rangeClosed(1, 999)
                .boxed().reduce(LatencyHistogram.empty(), LatencyHistogram::record, LatencyHistogram::merge);

        // When merged
        LatencyHistogram merged = odd.merge(even);

        // Then it is the histogram of the whole
        assertThat(merged).isEqualTo(whole);
    }

    @Test
    void anEmptyHistogramHasNoPercentilesAndNegativeLatenciesCountAsZero() {
        assertThat(LatencyHistogram.empty().percentile(0.5)).isEqualTo(OptionalLong.empty());
        assertThat(LatencyHistogram.empty().record(-7).percentile(1.0)).hasValue(0);
    }

    @Test
    void theLargestLatenciesStayInABoundedNumberOfBuckets() {
        LatencyHistogram histogram = LatencyHistogram.empty().record(Long.MAX_VALUE).record(1);

        assertThat(histogram.percentile(1.0)).hasValue(Long.MAX_VALUE);
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isLessThan(2300);
    }

    @Test
    void itsJsonIsFlatAndReadsBackEqual() {
        // Given a histogram with a few buckets
        LatencyHistogram histogram = LatencyHistogram.empty().record(0).record(7).record(7).record(250);

        // When written and read back
        String json = CalcJson.toString(histogram);
        LatencyHistogram read = CalcJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), LatencyHistogram.class);

        // Then it is the same histogram, stored as id, count pairs
        assertThat(read).isEqualTo(histogram);
        assertThat(json).isEqualTo("{\"b\":[0,1," + LatencyHistogram.bucketOf(7) + ",2," + LatencyHistogram.bucketOf(250)
                + ",1],\"count\":4,\"max\":250}");
    }

    @Test
    void theJsonOfEarlierVersionsIsStillRead() {
        // Given a histogram as the state stores of earlier versions hold it
        String earlier = "{\"buckets\":{\"0\":1,\"" + LatencyHistogram.bucketOf(7) + "\":2},\"count\":3,\"max\":7}";

        // When read
        LatencyHistogram read = CalcJson.fromBytes(earlier.getBytes(StandardCharsets.UTF_8), LatencyHistogram.class);

        // Then it is the histogram of those samples
        assertThat(read).isEqualTo(LatencyHistogram.empty().record(0).record(7).record(7));
    }
}
