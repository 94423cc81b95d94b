package calc.aggregator.rollout;

import java.time.Duration;
import java.time.Instant;

/**
 * The last {@code seconds} seconds of wall clock time up to {@code end}: for results, the whole
 * seconds of completedAt from {@link #firstSecond} to {@link #lastSecond}, the current second
 * included.
 */
public record Window(Instant end, long seconds) {

    public Window {
        if (seconds < 1) {
            throw new IllegalArgumentException("a window lasts at least one second");
        }
    }

    public static Window ending(Instant end, Duration length) {
        return new Window(end, length.toSeconds());
    }

    public Instant start() {
        return end.minusSeconds(seconds);
    }

    public long firstSecond() {
        return lastSecond() - seconds + 1;
    }

    public long lastSecond() {
        return end.getEpochSecond();
    }

    public boolean contains(long epochSecond) {
        return epochSecond >= firstSecond() && epochSecond <= lastSecond();
    }
}
