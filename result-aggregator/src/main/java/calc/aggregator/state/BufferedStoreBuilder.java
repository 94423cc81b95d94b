package calc.aggregator.state;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a {@link BufferedStore} over one of Kafka Streams' own stores, changelogged and metered,
 * without Kafka Streams' byte cache: the buffer is the cache.
 */
final class BufferedStoreBuilder<V> implements StoreBuilder<KeyValueStore<String, V>> {
    private final StoreBuilder<KeyValueStore<String, V>> below;
    private final int capacity;
    private final BufferedStore.Keep<V> keep;

    BufferedStoreBuilder(KeyValueBytesStoreSupplier bytes, Serde<V> values, int capacity, BufferedStore.Keep<V> keep) {
        this.below = Stores.keyValueStoreBuilder(bytes, Serdes.String(), values)
                .withLoggingEnabled(Map.of())
                .withCachingDisabled();
        this.capacity = capacity;
        this.keep = keep;
    }

    @Override
    public KeyValueStore<String, V> build() {
        return new BufferedStore<>(below.build(), capacity, keep);
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
        throw new UnsupportedOperationException("a buffered store is its own cache");
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
        below.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
        throw new UnsupportedOperationException("a buffered store must be changelogged: it is restored from it");
    }

    @Override
    public Map<String, String> logConfig() {
        return below.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return below.loggingEnabled();
    }

    @Override
    public String name() {
        return below.name();
    }
}
