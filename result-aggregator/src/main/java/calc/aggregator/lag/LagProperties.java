package calc.aggregator.lag;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which consumer groups' lag is sampled, how often, and how long it is kept (prefix
 * {@code calc.aggregator.lag}); application.yml documents each key.
 */
@ConfigurationProperties("calc.aggregator.lag")
public record LagProperties(
        @DefaultValue({"multiply-worker", "add-worker"}) List<String> groups,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("10m") Duration history) {

    /** Below this the sampler would load the broker for no gain, and the history would grow large. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public LagProperties {
        groups = groups == null ? List.of() : List.copyOf(groups);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("calc.aggregator.lag.interval must be at least " + MIN_INTERVAL);
        }
        if (history.compareTo(interval) < 0) {
            throw new IllegalArgumentException("calc.aggregator.lag.history must be at least one interval");
        }
    }
}
