package calc.aggregator.rollout;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.measure.MannWhitney;
import calc.aggregator.rollout.VerdictReport.LagGrowth;
import calc.aggregator.rollout.VerdictReport.LatencyComparison;
import calc.aggregator.rollout.VerdictReport.VersionFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Judges a canary version of a service against its baseline over one window. The verdict is FAIL
 * when any gate fires: the canary gave a mismatched answer; its error rate exceeds the baseline's
 * by more than {@code max-error-rate-increase}; it is slower by a one-sided Mann–Whitney U test
 * (p below {@code latency-p-value}) with a large effect (its p50 or p99 above {@code latency-ratio}
 * times the baseline's and more than {@code latency-min-increase} above it); or the service's
 * consumer group lag grew in the window by more than {@code lag-growth-records} or
 * {@code lag-growth-share} of the window's results, whichever is more, while above {@code lag-min}.
 * Otherwise the verdict is INCONCLUSIVE while the canary has fewer than {@code min-samples}
 * results, and PASS after. The baseline comparisons (error rate, latency) are skipped while the
 * baseline has fewer than {@code min-samples} results, as at the last step of a rollout.
 *
 * <p>Every fired gate adds a reason with its numbers; skipped gates add a reason saying why.
 */
public final class RolloutGates {
    private final RolloutProperties settings;

    public RolloutGates(RolloutProperties settings) {
        this.settings = settings;
    }

    /** A version and what it answered in the window. */
    public record Candidate(String version, WindowKpis kpis) {
    }

    public VerdictReport judge(String service, Window window, Candidate baseline, Candidate canary, LagGrowth lag) {
        Optional<MannWhitney.Result> test = MannWhitney.greater(baseline.kpis().latency(), canary.kpis().latency());
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        mismatches(canary, failures);
        if (baseline.kpis().requests() < settings.minSamples()) {
            notes.add(String.format(Locale.ROOT, "error rate and latency gates skipped: baseline %s has %d results"
                    + " in the window, fewer than %d", baseline.version(), baseline.kpis().requests(),
                    settings.minSamples()));
        } else {
            errorRate(baseline, canary, failures);
            latency(baseline, canary, test, failures);
        }
        lag(lag, baseline.kpis().requests() + canary.kpis().requests(), failures, notes);
        Verdict verdict = verdict(canary, failures, notes);
        List<String> reasons = new ArrayList<>(failures);
        reasons.addAll(notes);
        return new VerdictReport(verdict, reasons, service, window.seconds(),
                VersionFigures.of(baseline.version(), baseline.kpis()), VersionFigures.of(canary.version(), canary.kpis()),
                comparison(baseline, canary, test), lag);
    }

    private Verdict verdict(Candidate canary, List<String> failures, List<String> notes) {
        if (!failures.isEmpty()) {
            return Verdict.FAIL;
        }
        if (canary.kpis().requests() < settings.minSamples()) {
            notes.add(0, String.format(Locale.ROOT, "canary %s has %d results in the window, fewer than the %d"
                    + " needed for a verdict", canary.version(), canary.kpis().requests(), settings.minSamples()));
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }

    private static void mismatches(Candidate canary, List<String> failures) {
        if (canary.kpis().mismatches() > 0) {
            long count = canary.kpis().mismatches();
            failures.add(String.format(Locale.ROOT, "canary %s gave %d %s with the reference arithmetic",
                    canary.version(), count, count == 1 ? "answer that disagrees" : "answers that disagree"));
        }
    }

    private void errorRate(Candidate baseline, Candidate canary, List<String> failures) {
        double canaryRate = canary.kpis().errorRate();
        double baselineRate = baseline.kpis().errorRate();
        if (canaryRate > baselineRate + settings.maxErrorRateIncrease()) {
            failures.add(String.format(Locale.ROOT, "canary error rate %.1f%% (%d of %d) vs baseline %.1f%% (%d of %d),"
                    + " more than %.1f points above", canaryRate * 100, canary.kpis().errors(), canary.kpis().requests(),
                    baselineRate * 100, baseline.kpis().errors(), baseline.kpis().requests(),
                    settings.maxErrorRateIncrease() * 100));
        }
    }

    private void latency(Candidate baseline, Candidate canary, Optional<MannWhitney.Result> test,
            List<String> failures) {
        if (test.isEmpty() || test.get().pValue() >= settings.latencyPValue()) {
            return;
        }
        List<String> slower = new ArrayList<>();
        for (double quantile : new double[] {0.50, 0.99}) {
            long canaryMs = LatencyHistograms.percentile(canary.kpis().latency(), quantile).orElseThrow();
            long baselineMs = LatencyHistograms.percentile(baseline.kpis().latency(), quantile).orElseThrow();
            if (canaryMs > settings.latencyRatio() * baselineMs
                    && canaryMs - baselineMs > settings.latencyMinIncrease().toMillis()) {
                slower.add(String.format(Locale.ROOT, "canary p%d %d ms vs baseline %d ms (x%.1f)",
                        Math.round(quantile * 100), canaryMs, baselineMs, ratio(canaryMs, baselineMs)));
            }
        }
        if (!slower.isEmpty()) {
            failures.add(String.join(", ", slower) + String.format(Locale.ROOT,
                    ", one-sided Mann-Whitney p=%.2g < %s", test.get().pValue(), settings.latencyPValue()));
        }
    }

    private void lag(LagGrowth lag, long results, List<String> failures, List<String> notes) {
        if (lag.growth() == null) {
            notes.add("lag gate skipped: the lag of group " + lag.group() + " is unknown (no sample yet, no committed"
                    + " offsets, or the group is not in calc.aggregator.lag.groups)");
            return;
        }
        long allowed = Math.max(settings.lagGrowthRecords(), Math.round(settings.lagGrowthShare() * results));
        if (lag.growth() > allowed && lag.now() > settings.lagMin()) {
            failures.add(String.format(Locale.ROOT, "lag of group %s grew by %d records in the window (from %d to %d),"
                    + " more than the %d allowed, and is above %d", lag.group(), lag.growth(), lag.atStart(),
                    lag.now(), allowed, settings.lagMin()));
        }
    }

    private static LatencyComparison comparison(Candidate baseline, Candidate canary,
            Optional<MannWhitney.Result> test) {
        return new LatencyComparison(LatencyComparison.MANN_WHITNEY_U, test.map(MannWhitney.Result::pValue).orElse(null),
                roundedRatio(canary, baseline, 0.50), roundedRatio(canary, baseline, 0.99));
    }

    private static Double roundedRatio(Candidate canary, Candidate baseline, double quantile) {
        OptionalLong canaryMs = LatencyHistograms.percentile(canary.kpis().latency(), quantile);
        OptionalLong baselineMs = LatencyHistograms.percentile(baseline.kpis().latency(), quantile);
        if (canaryMs.isEmpty() || baselineMs.isEmpty()) {
            return null;
        }
        return Math.round(ratio(canaryMs.getAsLong(), baselineMs.getAsLong()) * 100) / 100.0;
    }

    /** At least 1 ms below the line, so that a baseline answering in 0 ms still gives a finite ratio. */
    private static double ratio(long canaryMs, long baselineMs) {
        return canaryMs / (double) Math.max(1, baselineMs);
    }
}
