package io.jk8s.storage.rocksdb;

import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** Reads the multi-version {@code kv} column family as of a revision. */
final class VersionReader {

    private static final int STEPS_BEFORE_SEEK = 4;

    private final RocksDbFiles files;

    VersionReader(RocksDbFiles files) {
        this.files = files;
    }

    /** The newest live version of {@code key} at or before {@code revision}, or null. */
    KeyValue latest(String key, long revision, ReadOptions read) {
        try (RocksIterator it = versions(read)) {
            return latest(key, revision, it);
        }
    }

    /** As {@link #latest(String, long, ReadOptions)}, with an iterator the caller reuses for several keys. */
    KeyValue latest(String key, long revision, RocksIterator it) {
        byte[] keyBytes = MvccCodec.keyBytes(key);
        it.seek(MvccCodec.versionKey(keyBytes, revision));
        if (!it.isValid() || !isVersionOf(it.key(), keyBytes)) {
            return null;
        }
        byte[] value = it.value();
        return MvccCodec.isTombstone(value) ? null : MvccCodec.decodeValue(key, MvccCodec.revision(it.key()), value);
    }

    /** An iterator over every version, as of the read options' snapshot or of now. */
    RocksIterator versions(ReadOptions read) {
        return files.db.newIterator(files.kv, read);
    }

    /** The version of {@code key} written at exactly {@code revision}. */
    KeyValue exact(String key, long revision, ReadOptions read) {
        try {
            byte[] value = files.db.get(files.kv, read, MvccCodec.versionKey(MvccCodec.keyBytes(key), revision));
            if (value == null) {
                throw new StorageException("version " + revision + " of " + key + " is missing");
            }
            return MvccCodec.decodeValue(key, revision, value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keys under {@code prefix} from {@code startKey} (inclusive) as of {@code revision}; with a
     * limit, keeps counting past it so the caller can report how many remain.
     */
    ListResult list(String prefix, String startKey, int limit, long revision, ReadOptions read, boolean withValues) {
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] start = startKey == null || startKey.compareTo(prefix) < 0
                ? prefixBytes : startKey.getBytes(StandardCharsets.UTF_8);
        List<KeyValue> items = new ArrayList<>();
        long remaining = 0;
        try (RocksIterator it = versions(read)) {
            it.seek(start);
            while (it.isValid()) {
                byte[] versionKey = it.key();
                if (!startsWith(versionKey, prefixBytes)) {
                    break;
                }
                byte[] userKey = Arrays.copyOf(versionKey, MvccCodec.userKeyLength(versionKey));
                if (Arrays.compareUnsigned(userKey, start) < 0) {
                    // a start key such as "last\0" (etcd's continue convention) lands inside "last"'s versions
                    it.seek(MvccCodec.afterAllVersions(userKey));
                    continue;
                }
                long modRevision = MvccCodec.revision(versionKey);
                if (modRevision > revision) {
                    it.seek(MvccCodec.versionKey(userKey, revision));
                    continue;
                }
                byte[] value = it.value();
                if (!MvccCodec.isTombstone(value)) {
                    if (limit <= 0 || items.size() < limit) {
                        String key = new String(userKey, StandardCharsets.UTF_8);
                        items.add(withValues ? MvccCodec.decodeValue(key, modRevision, value) : new KeyValue(key, null, 0, modRevision));
                    } else {
                        remaining++;
                    }
                }
                skipVersions(it, userKey);
            }
        }
        return new ListResult(items, revision, remaining > 0, remaining);
    }

    /**
     * Moves past the remaining versions of {@code userKey}. Compaction leaves few of them, and a
     * step is much cheaper than a seek, which positions the memtable and every file again: a list
     * of 10k keys spent a third of its time seeking.
     */
    private static void skipVersions(RocksIterator it, byte[] userKey) {
        for (int step = 0; step < STEPS_BEFORE_SEEK; step++) {
            it.next();
            if (!it.isValid() || !isVersionOf(it.key(), userKey)) {
                return;
            }
        }
        it.seek(MvccCodec.afterAllVersions(userKey));
    }

    private static boolean isVersionOf(byte[] versionKey, byte[] key) {
        return MvccCodec.userKeyLength(versionKey) == key.length && startsWith(versionKey, key);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
