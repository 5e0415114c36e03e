package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.Store;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stored object of one kind, decoded and kept current from a storage watch, as admission
 * plugins read through informer listers: a pod create that consults the PriorityClasses must not
 * list them from storage each time. Starts on first use; if the watch ends, reads go to storage.
 */
public final class StoredLister<T extends HasMetadata> implements WatchListener {

    private final Store store;
    private final ResourceStore<T> resources;
    private final Map<String, T> byKey = new ConcurrentHashMap<>();
    private volatile boolean watching;
    private boolean started;

    StoredLister(Store store, ResourceStore<T> resources) {
        this.store = store;
        this.resources = resources;
    }

    /** The objects as of the last change delivered. */
    public Collection<T> list() {
        if (!ensureWatching()) {
            return resources.list(null, ListQuery.ALL).items();
        }
        return List.copyOf(byKey.values());
    }

    /**
     * A cluster-scoped object by name. A miss is looked up in storage, as upstream looks up a lister
     * miss live: the object may have been created a moment ago, before the watch delivered it.
     */
    public Optional<T> get(String name) {
        T cached = ensureWatching() ? byKey.get(StorageKeys.key(resources.type(), null, name)) : null;
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            return Optional.of(resources.get(null, name));
        } catch (io.jk8s.api.errors.ApiException e) {
            if ("NotFound".equals(e.reason())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private boolean ensureWatching() {
        if (!watching) {
            start();
        }
        return watching;
    }

    /** Listed at one revision, then watched from it; once only: after a failed watch, storage answers. */
    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        String prefix = StorageKeys.prefix(resources.type(), null);
        ListResult all = store.list(prefix, ListOptions.ALL);
        all.items().forEach(kv -> byKey.put(kv.key(), resources.decode(kv)));
        store.watch(prefix, all.revision(), this);
        watching = true;
    }

    @Override
    public void onEvents(List<WatchEvent> events) {
        for (WatchEvent event : events) {
            if (event.type() == WatchEvent.Type.DELETE) {
                byKey.remove(event.key());
            } else {
                byKey.put(event.key(), resources.decode(event.current()));
            }
        }
    }

    @Override
    public void onClose(Throwable cause) {
        watching = false;
        byKey.clear();
    }
}
