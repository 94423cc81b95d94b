package calc.aggregator.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A partition's last {@code window} observations (committed offset and lag) and when its
 * committed offset last moved; judges the partition's {@link LagStatus} from them. For a partition
 * the group has never committed, its position ({@link LagPosition}) is observed as the committed
 * offset. Holds at most {@code window} observations, whatever the run time.
 */
final class PartitionTrack {
    private record Observation(long committed, long lag) {
    }

    private final int window;
    private final Duration stoppedAfter;
    private final Deque<Observation> observations = new ArrayDeque<>();
    private Instant lastMoved;

    PartitionTrack(int window, Duration stoppedAfter) {
        this.window = window;
        this.stoppedAfter = stoppedAfter;
    }

    /** Records one refresh's view and judges it. */
    LagStatus observe(Instant at, long committed, long lag, boolean owned) {
        Observation previous = observations.peekLast();
        if (previous == null || previous.committed() != committed) {
            lastMoved = at;
        }
        observations.addLast(new Observation(committed, lag));
        if (observations.size() > window) {
            observations.removeFirst();
        }
        return status(at, lag, owned);
    }

    private LagStatus status(Instant now, long lag, boolean owned) {
        if (lag == 0) {
            return LagStatus.OK;
        }
        if (rewound()) {
            return LagStatus.REWIND;
        }
        boolean full = observations.size() == window;
        boolean stuck = full && observations.stream().allMatch(o -> o.committed() == observations.getLast().committed());
        if (Duration.between(lastMoved, now).compareTo(stoppedAfter) >= 0 || (stuck && !owned)) {
            return LagStatus.STOPPED;
        }
        if (stuck) {
            return LagStatus.STALLED;
        }
        return full && lagGrewThroughout() ? LagStatus.WARN : LagStatus.OK;
    }

    private boolean rewound() {
        Iterator<Observation> it = observations.iterator();
        long before = it.next().committed();
        while (it.hasNext()) {
            long next = it.next().committed();
            if (next < before) {
                return true;
            }
            before = next;
        }
        return false;
    }

    private boolean lagGrewThroughout() {
        Iterator<Observation> it = observations.iterator();
        long before = it.next().lag();
        while (it.hasNext()) {
            long next = it.next().lag();
            if (next <= before) {
                return false;
            }
            before = next;
        }
        return true;
    }
}
