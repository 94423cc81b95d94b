package calc.aggregator.state;

import calc.contract.CalculationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each (service, version)'s answers per second of completedAt for {@link #HISTORY} of wall
 * clock time, so that recent windows can be judged. Seconds older than that are deleted by
 * {@link #expire}; a result completed before that, or more than {@link #MAX_CLOCK_SKEW} in the
 * future, is not kept at all: it could never fall in a window, and a bad clock must not grow the
 * store. The store thus holds at most about HISTORY seconds per (service, version) and task.
 */
public final class RecentSeconds {
    /** How far back windows can look. */
    public static final Duration HISTORY = Duration.ofMinutes(10);
    /** How far ahead of this process's clock a worker's completedAt may be and still count. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(1);
    /** How often (wall clock) old seconds are deleted; the store holds HISTORY plus at most this. */
    static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(30);

    private final KeyValueStore<String, ServiceSecond> seconds;

    RecentSeconds(KeyValueStore<String, ServiceSecond> seconds) {
        this.seconds = seconds;
    }

    void count(CalculationResult result, String service, String version, long nowMs) {
        if (result.completedAt() == null) {
            return;
        }
        long second = result.completedAt().getEpochSecond();
        long nowSecond = nowMs / 1000;
        if (second < nowSecond - HISTORY.toSeconds() || second > nowSecond + MAX_CLOCK_SKEW.toSeconds()) {
            return;
        }
        String key = ServiceSecond.key(service, version, second);
        ServiceSecond share = seconds.get(key);
        share = share == null ? ServiceSecond.empty(service, version, second) : share;
        share.count(result);
        seconds.put(key, share);
    }

    /** Collects the keys first: deleting while a store iterator is open is not safe for every store. */
    void expire(long nowMs) {
        long oldestKept = nowMs / 1000 - HISTORY.toSeconds();
        List<String> doomed = new ArrayList<>();
        try (KeyValueIterator<String, ServiceSecond> all = seconds.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.epochSecond() < oldestKept) {
                    doomed.add(entry.key);
                }
            });
        }
        doomed.forEach(seconds::delete);
    }
}
