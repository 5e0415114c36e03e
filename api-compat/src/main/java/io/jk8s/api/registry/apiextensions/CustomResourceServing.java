package io.jk8s.api.registry.apiextensions;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.ListPage;
import io.jk8s.api.registry.ListQuery;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.StorageKeys;
import io.jk8s.api.watch.ChangeListener;
import io.jk8s.api.watch.DecodedChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the custom resources of the stored CustomResourceDefinitions (apiextensions-apiserver's
 * crdHandler and its finalizer controller, which run inside kube-apiserver too). Level-triggered:
 * every change of a definition makes it re-read all definitions and serve exactly their rows; a
 * definition whose spec is unchanged keeps its rows, so status writes do not end watches. A
 * definition marked for deletion has its custom resources deleted, then its cleanup finalizer
 * removed, which completes its deletion and stops serving its resources.
 */
final class CustomResourceServing implements ChangeListener<CustomResourceDefinition> {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceServing.class);

    private final Registry registry;
    private final ResourceStore<CustomResourceDefinition> definitions;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "custom-resource-definitions");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** What each definition is served as: its spec (as JSON) and the rows made from it. */
    private final Map<String, Served> served = new HashMap<>();

    private record Served(String spec, List<ResourceType<?>> rows) {}

    CustomResourceServing(Registry registry, ResourceStore<CustomResourceDefinition> definitions) {
        this.registry = registry;
        this.definitions = definitions;
    }

    /** Serves what is stored now and follows every later change. */
    void start() {
        // a change between the list and the subscription is older than the cache's window: list again
        while (definitions.watchCache().subscribe(StorageKeys.prefix(definitions.type(), null), refresh(), this) == null) {
            log.debug("custom resource definitions changed while being read; reading again");
        }
    }

    /**
     * Serves what is stored now; called after every write of a definition, before it is answered,
     * so a client that saw the write finds the resources in discovery.
     */
    void afterWrite() {
        refresh();
    }

    @Override
    public void onChanges(List<DecodedChange<CustomResourceDefinition>> changes) {
        // coalesced: one re-read serves any number of changes that arrived meanwhile
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                try {
                    refresh();
                } catch (RuntimeException e) {
                    log.warn("serving custom resources failed", e);
                }
            });
        }
    }

    @Override
    public void onProgress(long revision) {}

    @Override
    public void onClose(Throwable cause) {
        log.debug("custom resource definitions watch ended", cause);
    }

    /**
     * Serves the stored definitions' rows and has the custom resources of definitions marked for
     * deletion removed (on the worker, as kube's finalizer controller does it apart from the
     * request); answers the revision read.
     */
    private synchronized long refresh() {
        ListPage<CustomResourceDefinition> page = definitions.list(null, ListQuery.ALL);
        List<ResourceType<?>> rows = new ArrayList<>();
        Map<String, Served> next = new HashMap<>();
        for (CustomResourceDefinition crd : page.items()) {
            String name = crd.getMetadata().getName();
            String spec = ObjectCodec.JSON.valueToTree(crd.getSpec()).toString();
            Served previous = served.get(name);
            Served current = previous != null && previous.spec().equals(spec) ? previous
                    : new Served(spec, CustomResourceRows.of(crd));
            next.put(name, current);
            rows.addAll(current.rows());
            List<String> finalizers = crd.getMetadata().getFinalizers();
            if (crd.getMetadata().getDeletionTimestamp() != null && finalizers != null
                    && finalizers.contains(CustomResourceDefinitionStrategy.CLEANUP_FINALIZER)) {
                List<ResourceType<?>> toEmpty = current.rows();
                worker.execute(() -> finalizeDeletion(name, toEmpty));
            }
        }
        served.clear();
        served.putAll(next);
        registry.serveCustom(rows);
        return page.revision();
    }

    /** crd_finalizer.go: delete every custom resource of the definition, then drop the cleanup finalizer. */
    private void finalizeDeletion(String name, List<ResourceType<?>> rows) {
        try {
            if (!rows.isEmpty()) {
                deleteAll(rows.get(0));
            }
            definitions.modifyWithStatus(null, name, null, current -> {
                List<String> remaining = new ArrayList<>(current.getMetadata().getFinalizers());
                remaining.remove(CustomResourceDefinitionStrategy.CLEANUP_FINALIZER);
                current.getMetadata().setFinalizers(remaining);
                return current;
            });
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                log.warn("removing the custom resources of {} failed", name, e);
            }
        } catch (RuntimeException e) {
            log.warn("removing the custom resources of {} failed", name, e);
        }
    }

    private <T extends HasMetadata> void deleteAll(ResourceType<T> row) {
        ResourceStore<T> store = registry.storeFor(row);
        if (store != null) {
            store.deleteCollection(null, ListQuery.ALL, new DeleteOptions(), false);
        }
    }
}
