package calc.aggregator.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's store, read through the values its processor last wrote or read. The processor is
 * the store's only writer, so a remembered value is the stored one, and reading it back skips the
 * store lookup and the JSON parse. Every write and delete still goes to the store at once, so what
 * Kafka Streams logs and commits is unchanged. The processor makes a new one whenever Kafka
 * Streams initialises it, which it does after restoring the store or rolling it back. Remembers
 * at most {@code capacity} values, the least recently used leaving first.
 */
final class ReadThroughStore<V> {
    private final KeyValueStore<String, V> store;
    private final Map<String, V> recent;

    ReadThroughStore(KeyValueStore<String, V> store, int capacity) {
        this.store = store;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(String key) {
        V value = recent.get(key);
        if (value == null) {
            value = store.get(key);
            if (value != null) {
                recent.put(key, value);
            }
        }
        return value;
    }

    void put(String key, V value) {
        store.put(key, value);
        recent.put(key, value);
    }

    void delete(String key) {
        store.delete(key);
        recent.remove(key);
    }

    KeyValueIterator<String, V> all() {
        return store.all();
    }

    KeyValueIterator<String, V> range(String from, String to) {
        return store.range(from, to);
    }
}
