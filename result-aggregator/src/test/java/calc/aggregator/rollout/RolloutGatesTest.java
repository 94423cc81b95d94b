package calc.aggregator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.measure.MannWhitney;
import calc.aggregator.rollout.RolloutGates.Candidate;
import calc.aggregator.rollout.VerdictReport.LagGrowth;
import calc.aggregator.rollout.VerdictReport.LatencyComparison;
import calc.aggregator.rollout.VerdictReport.Percentiles;
import calc.aggregator.rollout.VerdictReport.VersionFigures;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Each gate's decision with the default thresholds (min-samples 50, +1 point errors, p 0.01 / x3 / 100 ms, lag 500 / 20% / 1000). */
class RolloutGatesTest {
    private static final Window WINDOW = new Window(Instant.parse("2026-11-27T09:00:00Z"), 30);
    private static final LagGrowth STEADY_LAG = new LagGrowth("multiply-worker", 40L, 40L, 0L);
    private static final RolloutGates GATES = new RolloutGates(RolloutProperties.defaults());

    /** 200 results at 10..19 ms, 20 of each. */
    private static final Histogram FAST = spread(200, 10, 1);

    @Test
    void aCanaryLikeItsBaselinePassesWithTheFiguresItRestsOn() {
        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(200, 0, 0, FAST), STEADY_LAG);

        assertThat(report).isEqualTo(new VerdictReport(Verdict.PASS, List.of(), "multiply-worker", 30,
                new VersionFigures("v1", 200, 200, 0, 0.0, 0, new Percentiles(14L, 19L, 19L)),
                new VersionFigures("v2", 200, 200, 0, 0.0, 0, new Percentiles(14L, 19L, 19L)),
                new LatencyComparison("mann-whitney-u", pValue(FAST, FAST), 1.0, 1.0), STEADY_LAG));
    }

    @Test
    void anyCanaryMismatchFails() {
        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(200, 0, 1, FAST), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.FAIL, List.of(
                "canary v2 gave 1 answer that disagrees with the reference arithmetic")));
    }

    @Test
    void aCanaryErrorRateMoreThanOnePointAboveTheBaselineFails() {
        VerdictReport report = judge(kpis(200, 2, 0, FAST), kpis(200, 10, 0, FAST), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.FAIL, List.of(
                "canary error rate 5.0% (10 of 200) vs baseline 1.0% (2 of 200), more than 1.0 points above")));
        assertThat(report.canary().errorRate()).isEqualTo(0.05);
    }

    @Test
    void aCanaryErrorRateWithinOnePointOfTheBaselinePasses() {
        VerdictReport report = judge(kpis(200, 2, 0, FAST), kpis(200, 4, 0, FAST), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.PASS, List.of()));
    }

    @Test
    void aMuchSlowerCanaryFailsOnLatency() {
        // Given a canary at 2000..2450 ms against a baseline at 10..19 ms (percentiles are the top of their
        // histogram bucket, 16 ms wide from 2048 ms: within 1% above the samples)
        Histogram slow = spread(200, 2000, 50);

        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(200, 0, 0, slow), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.FAIL, List.of(
                "canary p50 2207 ms vs baseline 14 ms (x157.6), canary p99 2463 ms vs baseline 19 ms (x129.6),"
                        + " one-sided Mann-Whitney p=1.7e-67 < 0.01")));
        assertThat(report.latency()).isEqualTo(new LatencyComparison("mann-whitney-u", pValue(FAST, slow), 157.64, 129.63));
    }

    @Test
    void aSignificantButSmallSlowdownPasses() {
        // Given a canary surely slower (p tiny) and 3x the baseline, but only 4 ms above it
        Histogram baseline = spread(200, 1, 1);
        Histogram canary = spread(200, 5, 1);

        VerdictReport report = judge(kpis(200, 0, 0, baseline), kpis(200, 0, 0, canary), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.PASS, List.of()));
        assertThat(report.latency().pValue()).isLessThan(1e-10);
    }

    @Test
    void aLargeButInsignificantSlowdownPasses() {
        // Given a canary whose p99 falls on 4 outliers, far above the baseline's: ranks barely shift
        Histogram baseline = spread(200, 10, 1);
        Histogram canary = spread(196, 10, 1);
        canary.recordValueWithCount(900, 4);

        VerdictReport report = judge(kpis(200, 0, 0, baseline), kpis(200, 0, 0, canary), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.PASS, List.of()));
        assertThat(report.canary().latencyMs().p99()).isCloseTo(900L, withinPercentage(1));
        assertThat(report.latency().pValue()).isGreaterThan(0.01);
    }

    @Test
    void aCanaryWithTooFewResultsIsInconclusive() {
        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(10, 0, 0, spread(10, 10, 1)), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.INCONCLUSIVE, List.of(
                "canary v2 has 10 results in the window, fewer than the 50 needed for a verdict")));
    }

    @Test
    void aFailingGateBeatsTooFewResults() {
        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(10, 0, 1, spread(10, 10, 1)), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.FAIL, List.of(
                "canary v2 gave 1 answer that disagrees with the reference arithmetic")));
    }

    @Test
    void withoutBaselineTheComparisonsAreSkippedWithAReason() {
        // Given the last step of a rollout: no baseline member is left, the canary is slow and errs
        Histogram slow = spread(200, 2000, 50);

        VerdictReport report = judge(WindowKpis.empty(), kpis(200, 20, 0, slow), STEADY_LAG);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.PASS, List.of(
                "error rate and latency gates skipped: baseline v1 has 0 results in the window, fewer than 50")));
        assertThat(report.baseline()).isEqualTo(new VersionFigures("v1", 0, 0, 0, 0.0, 0, new Percentiles(null, null, null)));
        assertThat(report.latency()).isEqualTo(new LatencyComparison("mann-whitney-u", null, null, null));
    }

    @Test
    void lagGrowingBeyondTheAllowanceAndAboveTheFloorFails() {
        LagGrowth lag = new LagGrowth("multiply-worker", 100L, 1700L, 1600L);

        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(200, 0, 0, FAST), lag);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.FAIL, List.of(
                "lag of group multiply-worker grew by 1600 records in the window (from 100 to 1700),"
                        + " more than the 500 allowed, and is above 1000")));
    }

    @Test
    void lagGrowthWithinTwentyPercentOfTheResultsPasses() {
        // Given 10,000 results in the window: 20% of them (2000) may pile up
        Histogram many = spread(5000, 10, 1);
        LagGrowth lag = new LagGrowth("multiply-worker", 100L, 1700L, 1600L);

        VerdictReport report = judge(kpis(5000, 0, 0, many), kpis(5000, 0, 0, many), lag);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.PASS, List.of()));
    }

    @Test
    void lagGrowthBelowTheFloorPasses() {
        LagGrowth lag = new LagGrowth("multiply-worker", 0L, 900L, 900L);

        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(200, 0, 0, FAST), lag);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.PASS, List.of()));
    }

    @Test
    void unknownLagSkipsItsGateWithAReason() {
        LagGrowth unknown = LagGrowth.of("multiply-worker", Optional.empty(), Optional.empty());

        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(200, 0, 0, FAST), unknown);

        assertThat(outcome(report)).isEqualTo(new Outcome(Verdict.PASS, List.of(
                "lag gate skipped: the lag of group multiply-worker is unknown (no sample yet, no committed offsets,"
                        + " or the group is not in calc.aggregator.lag.groups)")));
        assertThat(report.lag()).isEqualTo(new LagGrowth("multiply-worker", null, null, null));
    }

    @Test
    void everyFiringGateGivesItsReason() {
        Histogram slow = spread(200, 2000, 50);
        LagGrowth lag = new LagGrowth("multiply-worker", 0L, 5000L, 5000L);

        VerdictReport report = judge(kpis(200, 0, 0, FAST), kpis(200, 100, 3, slow), lag);

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.reasons()).hasSize(4);
        assertThat(report.reasons()).allSatisfy(reason -> assertThat(reason).doesNotContain("skipped"));
    }

    private record Outcome(Verdict verdict, List<String> reasons) {
    }

    private static Outcome outcome(VerdictReport report) {
        return new Outcome(report.verdict(), report.reasons());
    }

    private static VerdictReport judge(WindowKpis baseline, WindowKpis canary, LagGrowth lag) {
        return GATES.judge("multiply-worker", WINDOW, new Candidate("v1", baseline), new Candidate("v2", canary), lag);
    }

    /** {@code results} results with these errors and mismatches; latencies from the histogram. */
    private static WindowKpis kpis(long results, long errors, long mismatches, Histogram latency) {
        return new WindowKpis(results - errors, errors, mismatches, latency);
    }

    private static Double pValue(Histogram baseline, Histogram canary) {
        return MannWhitney.greater(baseline, canary).orElseThrow().pValue();
    }

    /** {@code count} samples cycling through 10 values from {@code first}, {@code step} apart. */
    private static Histogram spread(int count, long first, long step) {
        return LatencyHistograms.of(LongStream.range(0, count).map(i -> first + (i % 10) * step).toArray());
    }
}
