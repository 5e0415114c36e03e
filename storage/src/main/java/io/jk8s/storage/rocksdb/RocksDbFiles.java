package io.jk8s.storage.rocksdb;

import io.jk8s.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** The RocksDB database of one store and its column families, opened and closed together. */
final class RocksDbFiles implements AutoCloseable {

    static final byte[] REVISION = "revision".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final byte[] COMPACTED = "compacted".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    final RocksDB db;
    final ColumnFamilyHandle kv;
    final ColumnFamilyHandle log;
    final ColumnFamilyHandle meta;
    private final List<ColumnFamilyHandle> handles;
    private final DBOptions dbOptions;
    private final List<ColumnFamilyOptions> familyOptions;
    private final LRUCache blockCache;

    private RocksDbFiles(RocksDB db, List<ColumnFamilyHandle> handles, DBOptions dbOptions,
            List<ColumnFamilyOptions> familyOptions, LRUCache blockCache) {
        this.db = db;
        this.handles = handles;
        this.kv = handles.get(1);
        this.log = handles.get(2);
        this.meta = handles.get(3);
        this.dbOptions = dbOptions;
        this.familyOptions = familyOptions;
        this.blockCache = blockCache;
    }

    static RocksDbFiles open(Path dir) {
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(dir);
            // small memtables and cache: the all-in-one server should idle well under 256 MB
            LRUCache cache = new LRUCache(32L << 20);
            DBOptions dbOptions = new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2)
                    .setKeepLogFileNum(2)
                    .setMaxTotalWalSize(64L << 20)
                    // every acknowledged write waits for an fdatasync of the WAL; appending to a fresh
                    // file makes each one journal the file's new size too, overwriting a recycled one does not
                    .setRecycleLogFileNum(4)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
            ColumnFamilyOptions kvOptions = family(cache, 16L << 20);
            ColumnFamilyOptions logOptions = family(cache, 8L << 20);
            ColumnFamilyOptions metaOptions = family(cache, 1L << 20);
            ColumnFamilyOptions defaultOptions = family(cache, 1L << 20);
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaultOptions),
                    new ColumnFamilyDescriptor(bytes("kv"), kvOptions),
                    new ColumnFamilyDescriptor(bytes("log"), logOptions),
                    new ColumnFamilyDescriptor(bytes("meta"), metaOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            return new RocksDbFiles(db, handles, dbOptions,
                    List.of(defaultOptions, kvOptions, logOptions, metaOptions), cache);
        } catch (RocksDBException | java.io.IOException e) {
            throw new StorageException("cannot open store at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ColumnFamilyOptions family(LRUCache cache, long writeBuffer) {
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache);
        // flushes run beside the request threads on a small machine: compress only the bottom
        // level, where most of the bytes end up and data is rewritten least
        return new ColumnFamilyOptions().setWriteBufferSize(writeBuffer).setTableFormatConfig(table)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    long readMeta(byte[] name) {
        try {
            byte[] value = db.get(meta, name);
            return value == null ? 0 : MvccCodec.decodeRevision(value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read store metadata: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        dbOptions.close();
        familyOptions.forEach(ColumnFamilyOptions::close);
        blockCache.close();
    }
}
