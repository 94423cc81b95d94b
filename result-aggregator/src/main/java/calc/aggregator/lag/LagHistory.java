package calc.aggregator.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Each monitored consumer group's total lag over the last {@code keep} of time: a sample older than
 * that, counted from the group's newest sample, is dropped when a newer one arrives, so the
 * history stays bounded (about keep ÷ sampling interval samples per group). Thread-safe: one
 * refresher writes while queries read.
 */
public final class LagHistory {
    private final Duration keep;
    private final Map<String, Deque<LagSample>> byGroup = new HashMap<>();

    public LagHistory(Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("the lag history must keep a positive duration");
        }
        this.keep = keep;
    }

    /** Adds each group's total lag; a group with no partition (committed or held) has no lag to record. */
    public void record(LagSnapshot snapshot) {
        for (GroupLag group : snapshot.groups()) {
            if (!group.partitions().isEmpty()) {
                record(group.group(), new LagSample(snapshot.refreshedAt(), group.totals().lag()));
            }
        }
    }

    /** Adds a sample; samples must come in time order per group. */
    public synchronized void record(String group, LagSample sample) {
        Deque<LagSample> samples = byGroup.computeIfAbsent(group, g -> new ArrayDeque<>());
        samples.addLast(sample);
        Instant oldestKept = sample.at().minus(keep);
        while (samples.getFirst().at().isBefore(oldestKept)) {
            samples.removeFirst();
        }
    }

    /** The group's total lag as known at {@code at}: that of the latest sample taken at or before it. */
    public OptionalLong totalLag(String group, Instant at) {
        return sampleAt(group, at).map(sample -> OptionalLong.of(sample.totalLag())).orElse(OptionalLong.empty());
    }

    /** The latest sample taken at or before {@code at}; empty when the history starts later. */
    public synchronized Optional<LagSample> sampleAt(String group, Instant at) {
        Deque<LagSample> samples = byGroup.getOrDefault(group, new ArrayDeque<>());
        for (Iterator<LagSample> newestFirst = samples.descendingIterator(); newestFirst.hasNext(); ) {
            LagSample sample = newestFirst.next();
            if (!sample.at().isAfter(at)) {
                return Optional.of(sample);
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<LagSample> oldest(String group) {
        return Optional.ofNullable(byGroup.getOrDefault(group, new ArrayDeque<>()).peekFirst());
    }

    public synchronized Optional<LagSample> latest(String group) {
        return Optional.ofNullable(byGroup.getOrDefault(group, new ArrayDeque<>()).peekLast());
    }
}
