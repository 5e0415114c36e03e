package io.jk8s.storage.rocksdb;

import io.jk8s.storage.KeyValue;
import io.jk8s.storage.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/** Rebuilds watch events from the persisted change log and the versions it points at. */
final class ChangeLogReplay {

    private static final int CHUNK = 512;

    private final RocksDbFiles files;
    private final VersionReader reader;

    ChangeLogReplay(RocksDbFiles files, VersionReader reader) {
        this.files = files;
        this.reader = reader;
    }

    /** Sends every change under {@code prefix} in {@code (after, upTo]} to {@code sink}, in chunks. */
    void replay(String prefix, long after, long upTo, ReadOptions read, Consumer<List<WatchEvent>> sink) {
        List<WatchEvent> chunk = new ArrayList<>();
        try (RocksIterator it = files.db.newIterator(files.log, read)) {
            for (it.seek(MvccCodec.revisionKey(after + 1)); it.isValid(); it.next()) {
                MvccCodec.LogEntry entry = MvccCodec.LogEntry.decode(it.key(), it.value());
                if (entry.revision() > upTo) {
                    break;
                }
                if (!entry.key().startsWith(prefix)) {
                    continue;
                }
                chunk.add(toEvent(entry, read));
                if (chunk.size() == CHUNK) {
                    sink.accept(chunk);
                    chunk = new ArrayList<>();
                }
            }
        }
        if (!chunk.isEmpty()) {
            sink.accept(chunk);
        }
    }

    private WatchEvent toEvent(MvccCodec.LogEntry entry, ReadOptions read) {
        KeyValue previous = entry.previousRevision() == 0 ? null : reader.exact(entry.key(), entry.previousRevision(), read);
        if (entry.type() == WatchEvent.Type.DELETE) {
            KeyValue deleted = new KeyValue(previous.key(), previous.value(), previous.createRevision(),
                    previous.modRevision(), entry.revision());
            return new WatchEvent(entry.type(), entry.revision(), deleted, previous);
        }
        return new WatchEvent(entry.type(), entry.revision(), reader.exact(entry.key(), entry.revision(), read), previous);
    }
}
