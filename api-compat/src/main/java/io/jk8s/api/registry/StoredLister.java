package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.Store;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stored object of one kind, decoded and kept current from a storage watch, as admission
 * plugins read through informer listers: a pod create that consults the PriorityClasses must not
 * list them from storage each time. Starts on first use; if the watch ends, reads go to storage.
 *
 * <p>A write of the kind through this server calls {@link #invalidate} (the registry has its store
 * do so), and the next read lists storage again before answering: a client that created a class and
 * then a pod sees the class applied, where a watch alone could still be a moment behind. Each key
 * remembers the revision it was last seen at, so a watch event older than that list changes nothing.
 */
public final class StoredLister<T extends HasMetadata> implements WatchListener {

    /** An object at the revision it was seen at; a null object is a deletion. */
    private record Seen<T>(T object, long revision) {}

    private final Store store;
    private final ResourceStore<T> resources;
    private final String prefix;
    private final Map<String, Seen<T>> byKey = new ConcurrentHashMap<>();
    private volatile boolean watching;
    private volatile boolean stale;
    private boolean started;

    StoredLister(Store store, ResourceStore<T> resources) {
        this.store = store;
        this.resources = resources;
        this.prefix = StorageKeys.prefix(resources.type(), null);
    }

    /** The objects as of the last change delivered, or as of now after a write through this server. */
    public List<T> list() {
        if (!current()) {
            return resources.list(null, ListQuery.ALL).items();
        }
        List<T> out = new ArrayList<>();
        byKey.values().forEach(seen -> {
            if (seen.object() != null) {
                out.add(seen.object());
            }
        });
        return out;
    }

    /**
     * A cluster-scoped object by name. A miss is looked up in storage, as upstream looks up a lister
     * miss live: the object may have been written by another server a moment ago.
     */
    public Optional<T> get(String name) {
        return get(null, name);
    }

    /** An object by namespace (null for a cluster-scoped kind) and name, looked up like {@link #get(String)}. */
    public Optional<T> get(String namespace, String name) {
        Seen<T> seen = current() ? byKey.get(StorageKeys.key(resources.type(), namespace, name)) : null;
        if (seen != null && seen.object() != null) {
            return Optional.of(seen.object());
        }
        try {
            return Optional.of(resources.get(namespace, name));
        } catch (io.jk8s.api.errors.ApiException e) {
            if ("NotFound".equals(e.reason())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A write of the kind was committed: the next read catches up with storage first. */
    public void invalidate() {
        stale = true;
    }

    /** Whether the cached view can answer (starting it, or catching up, first). */
    private boolean current() {
        if (!watching) {
            start();
        } else if (stale) {
            relist();
        }
        return watching;
    }

    /** Listed at one revision, then watched from it; once only: after a failed watch, storage answers. */
    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        long revision = relist();
        store.watch(prefix, revision, this);
        watching = true;
    }

    private synchronized long relist() {
        stale = false;
        ListResult all = store.list(prefix, ListOptions.ALL);
        Set<String> present = new HashSet<>();
        for (KeyValue kv : all.items()) {
            present.add(kv.key());
            see(kv.key(), resources.decode(kv), kv.modRevision());
        }
        for (String key : List.copyOf(byKey.keySet())) {
            if (!present.contains(key)) {
                see(key, null, all.revision());
            }
        }
        return all.revision();
    }

    @Override
    public void onEvents(List<WatchEvent> events) {
        for (WatchEvent event : events) {
            see(event.key(), event.type() == WatchEvent.Type.DELETE ? null : resources.decode(event.current()), event.revision());
        }
    }

    /** Takes what storage said of {@code key} at {@code revision}, unless something newer was seen already. */
    private void see(String key, T object, long revision) {
        byKey.compute(key, (k, known) -> known != null && known.revision() >= revision ? known : new Seen<>(object, revision));
    }

    @Override
    public void onClose(Throwable cause) {
        watching = false;
        byKey.clear();
    }
}
