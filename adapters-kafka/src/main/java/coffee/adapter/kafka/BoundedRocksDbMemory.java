package coffee.adapter.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of every RocksDB store in the process together: one block cache,
 * and the stores' write buffers (memtables) charged to it through one write-buffer manager.
 * Without it each store of each partition takes its own cache and memtables, and memory grows
 * with the number of partitions held (the pattern of Kafka Streams' memory-management docs).
 *
 * <p>Public with a public constructor: Kafka Streams creates it by name
 * ({@code rocksdb.config.setter}) and passes the size as {@link #MEMORY_BYTES}.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Total bytes for the cache, the memtables included. */
    static final String MEMORY_BYTES = "coffee.view.rocksdb.memory.bytes";
    /** The share of it memtables may take before they are flushed. */
    private static final double WRITE_BUFFER_SHARE = 0.25;
    private static final long BLOCK_SIZE = 8 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long sized;

    public BoundedRocksDbMemory() {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = Long.parseLong(String.valueOf(configs.get(MEMORY_BYTES)));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared(bytes));
        table.setBlockSize(BLOCK_SIZE);
        // index and filter blocks count against the cache too, the top-level ones kept in it
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        // many small stores: small memtables, flushed early, rather than 16 MB each
        options.setWriteBufferSize(Math.max(1 << 20, (long) (bytes * WRITE_BUFFER_SHARE) / 8));
        options.setMaxWriteBufferNumber(2);
    }

    /** One cache for the process, made by the first store to open. */
    private static synchronized Cache shared(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager((long) (bytes * WRITE_BUFFER_SHARE), cache);
            sized = bytes;
        } else if (sized != bytes) {
            System.getLogger(BoundedRocksDbMemory.class.getName()).log(System.Logger.Level.WARNING,
                    "the view's RocksDB memory is already sized at " + sized + " bytes in this process; "
                            + bytes + " ignored");
        }
        return cache;
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store: never closed here
    }
}
