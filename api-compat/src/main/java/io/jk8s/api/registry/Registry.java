package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.storage.Store;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

/** One {@link ResourceStore} per stored row of the resource table, over one storage backend. */
public final class Registry {

    private final ResourceTable table;
    private final Map<ResourceType<?>, ResourceStore<?>> stores = new IdentityHashMap<>();
    private final NamespaceLifecycle lifecycle;
    private final Store store;
    private final Map<ResourceType<?>, StoredLister<?>> listers = new java.util.concurrent.ConcurrentHashMap<>();

    public Registry(Store store, ResourceTable table, Clock clock) {
        this.table = table;
        this.store = store;
        ResourceType<?> namespaces = table.find("", "v1", "namespaces")
                .orElseThrow(() -> new IllegalArgumentException("the resource table must declare core/v1 namespaces"));
        this.lifecycle = new NamespaceLifecycle(store, namespaces);
        for (ResourceType<?> type : table.all()) {
            if (type.stored()) {
                stores.put(type, newStore(store, type, lifecycle, clock));
            }
        }
        table.all().forEach(type -> type.strategy().attach(this));
    }

    /** One storage watch per resource from now on (see {@link io.jk8s.api.watch.WatchCache}), and one for namespace admission. */
    public void startWatchCaches() {
        lifecycle.start();
        stores.values().forEach(resources -> resources.watchCache().start());
    }

    public ResourceTable table() {
        return table;
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> ResourceStore<T> storeFor(ResourceType<T> type) {
        return (ResourceStore<T>) stores.get(type);
    }

    /** The one cached view of all objects of {@code type} (see {@link StoredLister}), made on first request. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> StoredLister<T> listerFor(ResourceType<T> type) {
        return (StoredLister<T>) listers.computeIfAbsent(type, t -> new StoredLister<>(store, storeFor(type)));
    }

    private static <T extends HasMetadata> ResourceStore<T> newStore(Store store, ResourceType<T> type,
                                                                     NamespaceLifecycle lifecycle, Clock clock) {
        return new ResourceStore<>(store, type, lifecycle, clock);
    }
}
