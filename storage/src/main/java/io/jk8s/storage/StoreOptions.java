package io.jk8s.storage;

import java.time.Duration;

/**
 * Tuning of a store.
 *
 * @param compactionRetention history younger than this is never compacted (kube-apiserver keeps 5
 *     minutes by compacting every 5 minutes to the revision it saw 5 minutes earlier)
 * @param compactionInterval how often the background compactor looks for history to drop
 * @param progressInterval how often live watchers get a progress notification (BOOKMARK source)
 * @param syncWrites fsync the write-ahead log before acknowledging a write (off only in benchmarks
 *     that measure what durability costs)
 */
public record StoreOptions(Duration compactionRetention, Duration compactionInterval, Duration progressInterval,
        boolean syncWrites) {

    public static StoreOptions defaults() {
        return new StoreOptions(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(1), true);
    }

    public StoreOptions withCompactionRetention(Duration retention) {
        return new StoreOptions(retention, compactionInterval, progressInterval, syncWrites);
    }

    public StoreOptions withCompactionInterval(Duration interval) {
        return new StoreOptions(compactionRetention, interval, progressInterval, syncWrites);
    }

    public StoreOptions withProgressInterval(Duration interval) {
        return new StoreOptions(compactionRetention, compactionInterval, interval, syncWrites);
    }

    public StoreOptions withSyncWrites(boolean sync) {
        return new StoreOptions(compactionRetention, compactionInterval, progressInterval, sync);
    }
}
