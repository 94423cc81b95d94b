package calc.aggregator.state;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A task's store whose processor works on live objects between commits. What the processor puts
 * is kept as the object it is, not serialized, until Kafka Streams flushes the task's store
 * caches, which it does before every commit ({@code StreamTask.prepareCommit}); only then is each
 * changed value written, once, to the store below and its changelog, inside the transaction that
 * commits the input offsets that changed it. A task that aborts closes its stores dirty: what was
 * not flushed is dropped with the rest of the transaction, and Kafka Streams restores the store
 * from its changelog, so nothing is lost or counted twice.
 *
 * <p>Only the stream thread that owns the task writes, and only it sees unflushed values: a read
 * from any other thread (an interactive query) goes to the store below, which holds what the last
 * flush wrote. Values the processor read or flushed are remembered, at most {@code capacity} of
 * them, the least recently used leaving first, unless {@code keepAfterFlush} says a flushed value
 * will not be needed again. Range reads, {@code all} and deletes always go to the store below.
 */
final class BufferedStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {
    /** Says whether a value just flushed is worth remembering for the processor's next reads. */
    interface Keep<V> {
        boolean afterFlush(V value);
    }

    private final KeyValueStore<String, V> below;
    private final Keep<V> keep;
    private final Map<String, V> pending = new HashMap<>();
    private final Map<String, V> recent;
    private volatile Thread owner;

    BufferedStore(KeyValueStore<String, V> below, int capacity, Keep<V> keep) {
        this.below = below;
        this.keep = keep;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private boolean byOwner() {
        return Thread.currentThread() == owner;
    }

    @Override
    public V get(String key) {
        if (!byOwner()) {
            return below.get(key);
        }
        V value = pending.get(key);
        if (value == null) {
            value = recent.get(key);
        }
        if (value == null) {
            value = below.get(key);
            if (value != null) {
                recent.put(key, value);
            }
        }
        return value;
    }

    @Override
    public void put(String key, V value) {
        owner = Thread.currentThread();
        if (value == null) {
            delete(key);
            return;
        }
        pending.put(key, value);
        recent.remove(key);
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V before = get(key);
        if (before == null) {
            put(key, value);
        }
        return before;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        owner = Thread.currentThread();
        V before = pending.remove(key);
        recent.remove(key);
        V stored = below.delete(key);
        return before != null ? before : stored;
    }

    /** Writes every changed value to the store below and its changelog: called before each commit. */
    @Override
    public void flushCache() {
        pending.forEach((key, value) -> {
            below.put(key, value);
            if (keep.afterFlush(value)) {
                recent.put(key, value);
            }
        });
        pending.clear();
    }

    /** The store below changed without this layer (a standby restored it): nothing remembered holds. */
    @Override
    public void clearCache() {
        pending.clear();
        recent.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return below.range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        return below.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return below.all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        return below.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return below.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return below.approximateNumEntries();
    }

    @Override
    public String name() {
        return below.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        below.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        below.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        below.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return below.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return below.managesOffsets();
    }

    /** Closing clean follows a flush; closing dirty must drop what the aborted transaction changed. */
    @Override
    public void close() {
        pending.clear();
        recent.clear();
        below.close();
    }

    @Override
    public boolean persistent() {
        return below.persistent();
    }

    @Override
    public boolean isOpen() {
        return below.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return below.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return below.getPosition();
    }
}
