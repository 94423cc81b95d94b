package calc.aggregator.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps RocksDB's off-heap memory for all stores of the process together: every store shares
 * one block cache, and memtables are charged against it. Without this each of the (tasks ×
 * stores) RocksDB instances would take its own cache and memtables, and memory would grow with
 * the partition count.
 */
public final class BoundedMemoryRocksDb implements RocksDBConfigSetter {
    // Memtables of 16 MB, 64 MB for all: with 4 and 16 MB the manager flushed tiny memtables all the
    // time and writes stalled behind them; an aggregator catching up on 80,000 calculations went from
    // 2,800-4,600 to 11,200-15,900 calc/s (docs/benchmarks.md), with the same RSS.
    private static final long TOTAL_OFF_HEAP_BYTES = 128L * 1024 * 1024;
    private static final long TOTAL_MEMTABLE_BYTES = 64L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = 16L * 1024 * 1024;
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    // Shared by every store instance on purpose; RocksDB objects are thread-safe. Never closed:
    // they live as long as the process.
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_BLOCK_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store: closing them here would break the others.
    }
}
