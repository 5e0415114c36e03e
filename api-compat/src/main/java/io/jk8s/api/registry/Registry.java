package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.serviceaccount.ServiceAccountIssuer;
import io.jk8s.storage.Store;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link ResourceStore} per stored row of the resource table, over one storage backend. The
 * built-in rows get theirs at construction; custom resources get theirs when {@link #serveCustom}
 * adds their rows (and lose them when it drops the rows).
 */
public final class Registry {

    private final Store store;
    private final ResourceTable table;
    private final Clock clock;
    private final ServiceAccountIssuer serviceAccountIssuer;
    private final Map<ResourceType<?>, ResourceStore<?>> stores = new IdentityHashMap<>();
    /** The custom rows' stores, replaced as a whole (copy on write: changes are rare, reads are every request). */
    private volatile Map<ResourceType<?>, ResourceStore<?>> customStores = new IdentityHashMap<>();
    private final NamespaceLifecycle lifecycle;
    private volatile boolean watching;
    private final Map<ResourceType<?>, StoredLister<?>> listers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Runnable> customServedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Registry(Store store, ResourceTable table, Clock clock) {
        this(store, table, clock, ServiceAccountIssuer.ephemeral());
    }

    /** @param serviceAccountIssuer signs and checks the service-account tokens the resources of {@code table} issue and review */
    public Registry(Store store, ResourceTable table, Clock clock, ServiceAccountIssuer serviceAccountIssuer) {
        this.store = store;
        this.serviceAccountIssuer = serviceAccountIssuer;
        this.table = table;
        this.clock = clock;
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
        watching = true;
        customStores.values().forEach(resources -> resources.watchCache().start());
    }

    public ResourceTable table() {
        return table;
    }

    public ServiceAccountIssuer serviceAccountIssuer() {
        return serviceAccountIssuer;
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> ResourceStore<T> storeFor(ResourceType<T> type) {
        ResourceStore<?> builtIn = stores.get(type);
        return (ResourceStore<T>) (builtIn != null ? builtIn : customStores.get(type));
    }

    /**
     * Serves exactly {@code rows} as custom resources: rows already served keep their store (and the
     * watches on it); a new row gets a store; a dropped row's store stops, ending its watches, as kube
     * ends the watches of a custom resource whose definition changed or went away.
     */
    public synchronized void serveCustom(List<ResourceType<?>> rows) {
        Map<ResourceType<?>, ResourceStore<?>> next = new IdentityHashMap<>();
        for (ResourceType<?> row : rows) {
            ResourceStore<?> existing = customStores.get(row);
            next.put(row, existing != null ? existing : newStore(store, row, lifecycle, clock));
        }
        Map<ResourceType<?>, ResourceStore<?>> previous = customStores;
        customStores = next;
        table.serveCustom(rows);
        if (watching) {
            next.values().forEach(resources -> resources.watchCache().start());
        }
        previous.forEach((row, resources) -> {
            if (!next.containsKey(row)) {
                resources.watchCache().stop();
            }
        });
        customServedListeners.forEach(Runnable::run);
    }

    /** {@code listener} runs after each change of the served custom rows (kept short: it runs inside {@link #serveCustom}). */
    public void onCustomServed(Runnable listener) {
        customServedListeners.add(listener);
    }

    /** {@code listener} runs after every write of {@code type} that reached storage (kept short: it runs before the write is answered). */
    public void onCommit(ResourceType<?> type, Runnable listener) {
        storeFor(type).onCommit(listener);
    }

    /** The one cached view of all objects of {@code type} (see {@link StoredLister}), made on first request. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> StoredLister<T> listerFor(ResourceType<T> type) {
        return (StoredLister<T>) listers.computeIfAbsent(type, t -> {
            StoredLister<T> lister = new StoredLister<>(store, storeFor(type));
            storeFor(type).onCommit(lister::invalidate);
            return lister;
        });
    }

    private static <T extends HasMetadata> ResourceStore<T> newStore(Store store, ResourceType<T> type,
                                                                     NamespaceLifecycle lifecycle, Clock clock) {
        return new ResourceStore<>(store, type, lifecycle, clock);
    }
}
