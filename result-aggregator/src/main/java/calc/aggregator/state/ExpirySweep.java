package calc.aggregator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deletes a store's expired values one slice at a time, so that no punctuation does work
 * proportional to the store's size: each {@link #step} examines at most {@code slice} keys,
 * starting after the last key the previous step examined, and the sweep ends when a step reaches
 * the last key. Where it stopped is kept in memory only: a task that moves or restarts begins its
 * next sweep from the first key, which only repeats work.
 */
final class ExpirySweep<V> {
    private final KeyValueStore<String, V> store;
    private final int slice;
    private boolean running;
    private String lastExamined;

    ExpirySweep(KeyValueStore<String, V> store, int slice) {
        this.store = store;
        this.slice = slice;
    }

    void start() {
        running = true;
        lastExamined = null;
    }

    boolean isRunning() {
        return running;
    }

    /** Examines the next slice and deletes what is expired in it; does nothing when no sweep runs. */
    void step(Predicate<V> expired) {
        if (!running) {
            return;
        }
        List<String> doomed = new ArrayList<>();
        // Keys are collected first: deleting while a store iterator is open is not safe for every store.
        try (KeyValueIterator<String, V> keys = lastExamined == null ? store.all() : store.range(lastExamined, null)) {
            int examined = 0;
            while (examined < slice && keys.hasNext()) {
                KeyValue<String, V> entry = keys.next();
                if (entry.key.equals(lastExamined)) {
                    continue;
                }
                examined++;
                lastExamined = entry.key;
                if (expired.test(entry.value)) {
                    doomed.add(entry.key);
                }
            }
            running = keys.hasNext();
        }
        doomed.forEach(store::delete);
    }
}
