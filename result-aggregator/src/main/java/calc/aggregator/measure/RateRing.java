package calc.aggregator.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts events per second of their time over the latest {@link #WINDOW_SECONDS} seconds: at
 * most that many one-second buckets are kept, older ones fall out as newer events arrive, so
 * the size stays bounded. Rings merge by adding counts of the same second.
 */
public record RateRing(SortedMap<Long, Long> countsBySecond) {
    public static final int WINDOW_SECONDS = 60;

    public RateRing {
        countsBySecond = Collections.unmodifiableSortedMap(
                new TreeMap<>(countsBySecond == null ? Map.of() : countsBySecond));
    }

    public static RateRing empty() {
        return new RateRing(new TreeMap<>());
    }

    /** A ring with one more event at {@code time}; an event older than the window of the newest is dropped. */
    public RateRing record(Instant time) {
        TreeMap<Long, Long> next = new TreeMap<>(countsBySecond);
        next.merge(time.getEpochSecond(), 1L, Long::sum);
        return new RateRing(trimmed(next));
    }

    public RateRing merge(RateRing other) {
        TreeMap<Long, Long> next = new TreeMap<>(countsBySecond);
        other.countsBySecond.forEach((second, n) -> next.merge(second, n, Long::sum));
        return new RateRing(trimmed(next));
    }

    /** Events in the window that ends at {@code now} (inclusive of the current second). */
    public long countInWindow(Instant now) {
        long newest = now.getEpochSecond();
        return countsBySecond.subMap(newest - WINDOW_SECONDS + 1, newest + 1).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    /** Events per second over the window ending at {@code now}. */
    public double ratePerSecond(Instant now) {
        return countInWindow(now) / (double) Duration.ofSeconds(WINDOW_SECONDS).toSeconds();
    }

    /** Drops, in place, the seconds older than the window of the newest. */
    private static TreeMap<Long, Long> trimmed(TreeMap<Long, Long> counts) {
        if (!counts.isEmpty()) {
            counts.headMap(counts.lastKey() - WINDOW_SECONDS + 1).clear();
        }
        return counts;
    }
}
