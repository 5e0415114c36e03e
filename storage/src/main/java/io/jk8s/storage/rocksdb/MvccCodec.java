package io.jk8s.storage.rocksdb;

import io.jk8s.storage.KeyValue;
import io.jk8s.storage.StorageException;
import io.jk8s.storage.WatchEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The on-disk layout. Column family {@code kv} holds one entry per version:
 * {@code key 0x00 (MAX - revision)} → {@code [tombstone][createRevision][value]}; inverting the
 * revision sorts the newest version of a key first, so "latest at or before R" is one seek.
 * Column family {@code log} holds one entry per revision: {@code revision} →
 * {@code [type][previousRevision][key]}, the change log that watches replay and compaction walks.
 */
final class MvccCodec {

    static final byte SEPARATOR = 0;
    private static final int REVISION_BYTES = Long.BYTES;
    private static final int VALUE_HEADER = 1 + Long.BYTES;

    private MvccCodec() {}

    static byte[] keyBytes(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == SEPARATOR) {
                // NUL separates the key from its revision; allowing it would let keys collide
                throw new StorageException("key must not contain NUL: " + key.replace('\0', '?'));
            }
        }
        return bytes;
    }

    /** The position of {@code key}'s newest version at or before {@code revision}. */
    static byte[] versionKey(byte[] key, long revision) {
        return ByteBuffer.allocate(key.length + 1 + REVISION_BYTES)
                .put(key).put(SEPARATOR).putLong(Long.MAX_VALUE - revision).array();
    }

    /** The first position after every version of {@code key}. */
    static byte[] afterAllVersions(byte[] key) {
        byte[] next = Arrays.copyOf(key, key.length + 1);
        next[key.length] = SEPARATOR + 1;
        return next;
    }

    static int userKeyLength(byte[] versionKey) {
        return versionKey.length - 1 - REVISION_BYTES;
    }

    static String userKey(byte[] versionKey) {
        return new String(versionKey, 0, userKeyLength(versionKey), StandardCharsets.UTF_8);
    }

    static long revision(byte[] versionKey) {
        return Long.MAX_VALUE - ByteBuffer.wrap(versionKey, userKeyLength(versionKey) + 1, REVISION_BYTES).getLong();
    }

    static byte[] encodeValue(boolean tombstone, long createRevision, byte[] value) {
        int length = value == null ? 0 : value.length;
        ByteBuffer buffer = ByteBuffer.allocate(VALUE_HEADER + length).put((byte) (tombstone ? 1 : 0)).putLong(createRevision);
        if (value != null) {
            buffer.put(value);
        }
        return buffer.array();
    }

    static boolean isTombstone(byte[] encodedValue) {
        return encodedValue[0] == 1;
    }

    static KeyValue decodeValue(String key, long modRevision, byte[] encoded) {
        long createRevision = ByteBuffer.wrap(encoded, 1, Long.BYTES).getLong();
        return new KeyValue(key, Arrays.copyOfRange(encoded, VALUE_HEADER, encoded.length), createRevision, modRevision);
    }

    static byte[] revisionKey(long revision) {
        return ByteBuffer.allocate(REVISION_BYTES).putLong(revision).array();
    }

    static long decodeRevision(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    /** A change-log entry: which key changed at a revision, how, and which version it replaced. */
    record LogEntry(long revision, WatchEvent.Type type, long previousRevision, String key) {

        byte[] encode() {
            byte[] key = this.key.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + Long.BYTES + key.length)
                    .put((byte) type.ordinal()).putLong(previousRevision).put(key).array();
        }

        static LogEntry decode(byte[] revisionKey, byte[] value) {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            WatchEvent.Type type = WatchEvent.Type.values()[buffer.get()];
            long previous = buffer.getLong();
            String key = new String(value, 1 + Long.BYTES, value.length - 1 - Long.BYTES, StandardCharsets.UTF_8);
            return new LogEntry(decodeRevision(revisionKey), type, previous, key);
        }
    }
}
