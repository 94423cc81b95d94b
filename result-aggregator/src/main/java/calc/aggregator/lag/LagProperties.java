package calc.aggregator.lag;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which consumer groups the lag engine watches, how often, and how it judges them (prefix
 * {@code calc.aggregator.lag}); application.yml documents each key. {@code offsetReset} gives a
 * group's {@code auto.offset.reset}, which places a partition it has committed nothing for;
 * {@code earliest} for every group it does not name.
 */
@ConfigurationProperties("calc.aggregator.lag")
public record LagProperties(
        @DefaultValue({"multiply-worker", "add-worker", "result-aggregator"}) List<String> groups,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("10") int statusWindow,
        @DefaultValue("2m") Duration stoppedAfter,
        @DefaultValue("10m") Duration history,
        Map<String, OffsetReset> offsetReset) {

    /** A consumer's {@code auto.offset.reset}, as far as it places a group that never committed. */
    public enum OffsetReset {
        EARLIEST,
        LATEST
    }

    /** Below this the engine would load the broker for no gain, and the history would grow large. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public LagProperties {
        groups = groups == null ? List.of() : List.copyOf(groups);
        offsetReset = offsetReset == null ? Map.of() : Map.copyOf(offsetReset);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("calc.aggregator.lag.interval must be at least " + MIN_INTERVAL);
        }
        if (statusWindow < 2) {
            throw new IllegalArgumentException("calc.aggregator.lag.status-window must be at least 2 refreshes");
        }
        if (history.compareTo(interval) < 0) {
            throw new IllegalArgumentException("calc.aggregator.lag.history must be at least one interval");
        }
    }

    OffsetReset offsetReset(String group) {
        return offsetReset.getOrDefault(group, OffsetReset.EARLIEST);
    }
}
