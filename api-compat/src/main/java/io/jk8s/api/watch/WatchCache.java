package io.jk8s.api.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.storage.Store;
import io.jk8s.storage.StorageException;
import io.jk8s.storage.Watch;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One storage watch per resource, shared by every client watch of it, with a window of recent
 * changes (kube-apiserver's cacher). Each change is decoded, and encoded, once. A client watch
 * starting inside the window replays from memory; an older start falls back to storage, which
 * answers from its change log or with "too old".
 */
public final class WatchCache<T extends HasMetadata> implements WatchListener {

    private static final Logger log = LoggerFactory.getLogger(WatchCache.class);

    private final ResourceStore<T> resources;
    private final Store store;
    private final String prefix;
    private final int capacity;
    private final ArrayDeque<DecodedChange<T>> window = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** Every change after this revision is in the window (or not yet arrived). */
    private long windowStart = -1;
    private Watch watch;

    public WatchCache(ResourceStore<T> resources, Store store, String prefix, int capacity) {
        this.resources = resources;
        this.store = store;
        this.prefix = prefix;
        this.capacity = capacity;
    }

    /**
     * Subscribes {@code listener} to changes under {@code keyPrefix} after {@code afterRevision},
     * or returns null when that revision is older than the window.
     */
    public synchronized AutoCloseable subscribe(String keyPrefix, long afterRevision, ChangeListener<T> listener) {
        if (watch == null) {
            start();
        }
        if (afterRevision < windowStart) {
            return null;
        }
        Subscriber subscriber = new Subscriber(keyPrefix, afterRevision, listener);
        List<DecodedChange<T>> replay = new ArrayList<>();
        for (DecodedChange<T> change : window) {
            replay.add(change);
        }
        subscriber.offer(replay);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Asks storage for a progress notification, which reaches every subscriber. */
    public synchronized void requestProgress() {
        if (watch != null) {
            watch.requestProgress();
        }
    }

    /**
     * Starts following storage now, so that a watch from a list taken after this point is served
     * from memory (otherwise the first client watch starts the cache).
     */
    public synchronized void start() {
        if (watch != null) {
            return;
        }
        long from = store.currentRevision();
        watch = store.watch(prefix, from, this);
        windowStart = from;
    }

    /**
     * Stops following storage and ends every client watch (the resource is no longer served: its
     * custom resource definition changed or was deleted).
     */
    public synchronized void stop() {
        if (watch != null) {
            watch.close();
        }
        onClose(null);
    }

    @Override
    public synchronized void onEvents(List<WatchEvent> events) {
        List<DecodedChange<T>> changes = new ArrayList<>(events.size());
        for (WatchEvent event : events) {
            DecodedChange<T> change = new DecodedChange<>(event, resources);
            changes.add(change);
            window.addLast(change);
            if (window.size() > capacity) {
                windowStart = window.removeFirst().revision();
            }
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(changes);
        }
    }

    @Override
    public synchronized void onProgress(long revision) {
        for (Subscriber subscriber : subscribers) {
            subscriber.progress(revision);
        }
    }

    @Override
    public synchronized void onClose(Throwable cause) {
        // storage ended our watch (store closing): end every client watch; the next subscriber restarts
        log.debug("watch cache for {} closed", prefix, cause);
        watch = null;
        window.clear();
        windowStart = -1;
        StorageException ended = new StorageException("watch cache for " + prefix + " closed", cause);
        for (Subscriber subscriber : subscribers) {
            subscriber.listener.onClose(ended);
        }
        subscribers.clear();
    }

    /** One client watch: a key prefix and the revision it has seen up to. */
    private final class Subscriber {

        private final String keyPrefix;
        private final ChangeListener<T> listener;
        private long delivered;

        Subscriber(String keyPrefix, long afterRevision, ChangeListener<T> listener) {
            this.keyPrefix = keyPrefix;
            this.listener = listener;
            this.delivered = afterRevision;
        }

        void offer(List<DecodedChange<T>> changes) {
            List<DecodedChange<T>> mine = new ArrayList<>();
            for (DecodedChange<T> change : changes) {
                if (change.revision() > delivered && change.key().startsWith(keyPrefix)) {
                    mine.add(change);
                }
            }
            if (!mine.isEmpty()) {
                delivered = mine.get(mine.size() - 1).revision();
                listener.onChanges(mine);
            }
        }

        void progress(long revision) {
            if (revision >= delivered) {
                listener.onProgress(revision);
            }
        }
    }
}
