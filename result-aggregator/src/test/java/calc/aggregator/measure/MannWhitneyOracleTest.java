package calc.aggregator.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache Commons Math's Mann-Whitney U test as an oracle, on what it and calc's test define alike:
 * the U statistic with mid-ranks for ties (Commons reports the larger of the two U values), and,
 * where no sample ties with another (so that no tie correction applies), the normal
 * approximation's p-value without continuity correction (Commons gives it two-sided: twice the
 * one-sided tail of the side the data lean to).
 */
class MannWhitneyOracleTest {
    private static final MannWhitneyUTest COMMONS = new MannWhitneyUTest();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theStatisticEqualsCommonsMathsWithTies(long seed) {
        // Given two samples with many ties: latencies from a few distinct milliseconds
        Random random = new Random(seed);
        long[] baseline = random.longs(40 + random.nextInt(200), 0, 30).toArray();
        long[] canary = random.longs(40 + random.nextInt(200), 0, 30 + random.nextInt(20)).toArray();

        // When both compute U
        MannWhitney.Result ours = MannWhitney.greater(LatencyHistograms.of(baseline), LatencyHistograms.of(canary))
                .orElseThrow();
        double theirs = COMMONS.mannWhitneyU(doubles(baseline), doubles(canary));

        // Then Commons' U is the larger of ours and its complement
        double product = (double) baseline.length * canary.length;
        assertThat(Math.max(ours.u(), product - ours.u())).isEqualTo(theirs);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void withoutTiesThePValueIsHalfOfCommonsMathsTwoSidedOne(long seed) {
        // Given two samples of distinct values below 256 ms, where each histogram bucket is one millisecond
        Random random = new Random(seed);
        long[] all = random.longs(0, 256).distinct().limit(30 + random.nextInt(150)).toArray();
        int split = all.length / 3 + random.nextInt(all.length / 3);
        long[] baseline = LongStream.of(all).limit(split).toArray();
        long[] canary = LongStream.of(all).skip(split).toArray();

        // When both compute the asymptotic p-value, ours without continuity correction
        Histogram reference = LatencyHistograms.of(baseline);
        Histogram larger = LatencyHistograms.of(canary);
        MannWhitney.Result ours = MannWhitney.greater(reference, larger, 0).orElseThrow();
        double twoSided = COMMONS.mannWhitneyUTest(doubles(baseline), doubles(canary));

        // Then ours is the tail of the side the data lean to, half of Commons' two-sided p
        double leaning = ours.z() >= 0 ? ours.pValue() : 1 - ours.pValue();
        assertThat(leaning).isCloseTo(twoSided / 2, within(1e-9));
    }

    private static double[] doubles(long[] values) {
        return LongStream.of(values).asDoubleStream().toArray();
    }
}
