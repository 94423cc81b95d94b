package calc.aggregator.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void aSmallCaseWithATieMatchesTheHandComputation() {
        // Given baseline {10, 20, 30} and canary {20, 40, 50}: one tie (20) across the two
        Histogram baseline = histogram(10, 20, 30);
        Histogram canary = histogram(20, 40, 50);

        // When testing "canary is slower"
        MannWhitney.Result result = MannWhitney.greater(baseline, canary).orElseThrow();

        // Then by hand: ranks 1, 2.5, 2.5, 4, 5, 6; canary's rank sum 13.5, U = 13.5 - 6 = 7.5;
        // mean 4.5; variance 9/12 * (7 - 6/30) = 5.1; z = (7.5 - 4.5 - 0.5) / sqrt(5.1) = 1.10702;
        // p = P(Z > 1.10702) = 0.134143 (as scipy's mannwhitneyu, alternative="greater", asymptotic)
        assertThat(result.u()).isEqualTo(7.5);
        assertThat(result.z()).isCloseTo(1.10702, within(1e-5));
        assertThat(result.pValue()).isCloseTo(0.134143, within(1e-6));
    }

    @Test
    void identicalDistributionsGiveNoEvidence() {
        // Given the same 200 latencies on both sides
        Histogram same = spread(200, 5, 10, 1);

        // Then U is its mean and p is about one half (scipy: 0.5001734)
        MannWhitney.Result result = MannWhitney.greater(same, same).orElseThrow();
        assertThat(result.u()).isEqualTo(200 * 200 / 2.0);
        assertThat(result.pValue()).isCloseTo(0.5001734, within(1e-6));
    }

    @Test
    void aClearlySlowerCanaryGivesATinyPValue() {
        // Given a baseline at 5..14 ms and a canary at 2000..2450 ms, 200 each
        Histogram baseline = spread(200, 5, 10, 1);
        Histogram canary = spread(200, 2000, 10, 50);

        // Then every canary sample outranks every baseline sample (scipy: p = 1.6596e-67)
        MannWhitney.Result result = MannWhitney.greater(baseline, canary).orElseThrow();
        assertThat(result.u()).isEqualTo(200 * 200);
        assertThat(result.pValue()).isCloseTo(1.6596e-67, withinPercentage(0.1));
    }

    @Test
    void aFasterCanaryIsNotSlower() {
        MannWhitney.Result result = MannWhitney.greater(spread(200, 2000, 10, 50), spread(200, 5, 10, 1)).orElseThrow();

        assertThat(result.u()).isZero();
        assertThat(result.pValue()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void withoutSamplesThereIsNoTestAndWithAllTiedThereIsNoEvidence() {
        assertThat(MannWhitney.greater(LatencyHistograms.empty(), histogram(5))).isEmpty();
        assertThat(MannWhitney.greater(histogram(5), LatencyHistograms.empty())).isEmpty();
        assertThat(MannWhitney.greater(histogram(7, 7), histogram(7, 7, 7)).orElseThrow().pValue()).isEqualTo(1.0);
    }

    @Test
    void theNormalTailIsAccurateFarOut() {
        assertThat(MannWhitney.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(MannWhitney.upperTail(1.959964)).isCloseTo(0.025, within(1e-8));
        assertThat(MannWhitney.upperTail(-1.959964)).isCloseTo(0.975, within(1e-8));
        assertThat(MannWhitney.upperTail(6)).isCloseTo(9.8659e-10, withinPercentage(0.01));
    }

    private static Histogram histogram(long... latencies) {
        return LatencyHistograms.of(latencies);
    }

    /** {@code count} samples cycling through {@code distinct} values from {@code first}, {@code step} apart. */
    static Histogram spread(int count, long first, int distinct, long step) {
        return histogram(LongStream.range(0, count).map(i -> first + (i % distinct) * step).toArray());
    }
}
