package calc.aggregator.rollout;

import calc.aggregator.measure.LatencyHistograms;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The answer of {@code GET /api/rollout/verdict}: the verdict, why, and the figures it rests on.
 * Figures that cannot be known (no samples, no lag sample) are null. The field order is pinned:
 * shell scripts (./calc) read the body with sed, not a JSON parser.
 */
@JsonPropertyOrder({"verdict", "reasons", "service", "windowSeconds", "baseline", "canary", "latency", "lag"})
public record VerdictReport(Verdict verdict, List<String> reasons, String service, long windowSeconds,
        VersionFigures baseline, VersionFigures canary, LatencyComparison latency, LagGrowth lag) {

    public VerdictReport {
        reasons = List.copyOf(reasons);
    }

    /** One version's results in the window. */
    public record VersionFigures(String version, long requests, long ok, long errors, double errorRate,
            long mismatches, Percentiles latencyMs) {

        static VersionFigures of(String version, WindowKpis kpis) {
            return new VersionFigures(version, kpis.requests(), kpis.ok(), kpis.errors(),
                    Math.round(kpis.errorRate() * 10_000) / 10_000.0, kpis.mismatches(), Percentiles.of(kpis.latency()));
        }
    }

    public record Percentiles(Long p50, Long p95, Long p99) {
        static Percentiles of(Histogram histogram) {
            return new Percentiles(boxed(LatencyHistograms.percentile(histogram, 0.50)),
                    boxed(LatencyHistograms.percentile(histogram, 0.95)),
                    boxed(LatencyHistograms.percentile(histogram, 0.99)));
        }

        private static Long boxed(OptionalLong value) {
            return value.isPresent() ? value.getAsLong() : null;
        }
    }

    /** The latency test's p-value (canary slower) and the canary's percentiles over the baseline's. */
    public record LatencyComparison(String test, Double pValue, Double ratioP50, Double ratioP99) {
        public static final String MANN_WHITNEY_U = "mann-whitney-u";
    }

    /** The total lag of the service's consumer group at the window's start and now. */
    public record LagGrowth(String group, Long atStart, Long now, Long growth) {

        /** Growth is known only when both ends are. */
        public static LagGrowth of(String group, Optional<Long> atStart, Optional<Long> now) {
            Long growth = atStart.isPresent() && now.isPresent() ? now.get() - atStart.get() : null;
            return new LagGrowth(group, atStart.orElse(null), now.orElse(null), growth);
        }
    }
}
