package calc.aggregator.rollout;

import calc.aggregator.state.RecentSeconds;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rollout verdict's thresholds and windows (prefix {@code calc.aggregator.rollout});
 * application.yml and docs/rollout-analysis.md document each key.
 */
@ConfigurationProperties("calc.aggregator.rollout")
public record RolloutProperties(
        @DefaultValue("50") long minSamples,
        @DefaultValue("0.01") double maxErrorRateIncrease,
        @DefaultValue("0.01") double latencyPValue,
        @DefaultValue("3.0") double latencyRatio,
        @DefaultValue("100ms") Duration latencyMinIncrease,
        @DefaultValue("500") long lagGrowthRecords,
        @DefaultValue("0.2") double lagGrowthShare,
        @DefaultValue("1000") long lagMin,
        @DefaultValue("30s") Duration defaultWindow,
        @DefaultValue("10m") Duration maxWindow) {

    public RolloutProperties {
        if (maxWindow.compareTo(RecentSeconds.HISTORY) > 0) {
            throw new IllegalArgumentException(
                    "calc.aggregator.rollout.max-window cannot exceed the " + RecentSeconds.HISTORY + " kept per second");
        }
        if (defaultWindow.toSeconds() < 1 || defaultWindow.compareTo(maxWindow) > 0) {
            throw new IllegalArgumentException("calc.aggregator.rollout.default-window must be 1s to max-window");
        }
    }

    public static RolloutProperties defaults() {
        return new RolloutProperties(50, 0.01, 0.01, 3.0, Duration.ofMillis(100), 500, 0.2, 1000,
                Duration.ofSeconds(30), Duration.ofMinutes(10));
    }
}
