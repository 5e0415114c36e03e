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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the custom resources of the stored CustomResourceDefinitions (apiextensions-apiserver's
 * crdHandler and its finalizer controller, which run inside kube-apiserver too). Level-triggered:
 * every change of a definition makes it re-read all definitions and serve exactly their rows; a
 * definition whose spec and accepted names are unchanged keeps its rows, so status writes do not end watches. A
 * definition marked for deletion has its custom resources deleted, then its cleanup finalizer
 * removed, which completes its deletion and stops serving its resources. A definition whose names
 * another one holds gets them once they are free (kube's naming controller requeues the group).
 */
final class CustomResourceServing implements ChangeListener<CustomResourceDefinition> {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceServing.class);

    private final Registry registry;
    private final ResourceStore<CustomResourceDefinition> definitions;
    /** How soon a definition whose objects are held by finalizers looks again (kube requeues it too). */
    private static final long RECHECK_SECONDS = 1;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "custom-resource-definitions");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** The definitions whose objects are being removed: one removal at a time each. */
    private final Set<String> finalizing = ConcurrentHashMap.newKeySet();
    /** What each definition is served as: its spec (as JSON) and the rows made from it. */
    private final Map<String, Served> served = new HashMap<>();

    private record Served(String spec, List<ResourceType<?>> rows, DefinitionLifecycle lifecycle) {}

    private final java.util.function.Supplier<String> now;

    CustomResourceServing(Registry registry, ResourceStore<CustomResourceDefinition> definitions,
                          java.util.function.Supplier<String> now) {
        this.registry = registry;
        this.definitions = definitions;
        this.now = now;
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
            // what the rows are made of: the spec, the accepted names and whether the names may be served
            String spec = ObjectCodec.JSON.valueToTree(crd.getSpec()).toString()
                    + ObjectCodec.JSON.valueToTree(crd.getStatus() == null ? null : crd.getStatus().getAcceptedNames())
                    + CustomResourceDefinitionStrategy.isTrue(crd, CustomResourceDefinitionStrategy.ESTABLISHED)
                    + CustomResourceDefinitionStrategy.isTrue(crd, CustomResourceDefinitionStrategy.NAMES_ACCEPTED);
            Served previous = served.get(name);
            Served current = previous != null && previous.spec().equals(spec) ? previous : served(crd, spec);
            next.put(name, current);
            rows.addAll(current.rows());
            current.lifecycle().terminating(crd.getMetadata().getDeletionTimestamp() != null);
            List<String> finalizers = crd.getMetadata().getFinalizers();
            if (crd.getMetadata().getDeletionTimestamp() != null && finalizers != null
                    && finalizers.contains(CustomResourceDefinitionStrategy.CLEANUP_FINALIZER)) {
                List<ResourceType<?>> toEmpty = current.rows();
                if (finalizing.add(name)) {
                    worker.execute(() -> finalizeDeletion(name, toEmpty));
                }
            }
        }
        served.clear();
        served.putAll(next);
        registry.serveCustom(rows);
        List<String> unaccepted = page.items().stream()
                .filter(crd -> crd.getMetadata().getDeletionTimestamp() == null
                        && !CustomResourceDefinitionStrategy.isTrue(crd, CustomResourceDefinitionStrategy.NAMES_ACCEPTED))
                .map(crd -> crd.getMetadata().getName()).toList();
        if (!unaccepted.isEmpty()) {
            worker.execute(() -> unaccepted.forEach(this::acceptFreedNames));
        }
        return page.revision();
    }

    /**
     * The naming controller looks again at a definition whose names were taken whenever a
     * definition of its group changes or goes: the names may be free now.
     */
    private void acceptFreedNames(String name) {
        try {
            List<CustomResourceDefinition> all = definitions.list(null, ListQuery.ALL).items();
            CustomResourceDefinition current = all.stream().filter(crd -> crd.getMetadata().getName().equals(name)).findFirst()
                    .orElse(null);
            if (current == null || !NamingConditions.apply(ObjectCodec.JSON.convertValue(current, CustomResourceDefinition.class),
                    all, now.get())) {
                return;
            }
            definitions.modifyWithStatus(null, name, null, crd -> {
                NamingConditions.apply(crd, definitions.list(null, ListQuery.ALL).items(), now.get());
                return crd;
            });
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                log.warn("accepting the names of {} failed", name, e);
            }
        } catch (RuntimeException e) {
            log.warn("accepting the names of {} failed", name, e);
        }
    }

    private static Served served(CustomResourceDefinition crd, String spec) {
        DefinitionLifecycle lifecycle = new DefinitionLifecycle(crd.getSpec().getGroup(), crd.getSpec().getNames().getPlural());
        return new Served(spec, CustomResourceRows.of(crd, lifecycle), lifecycle);
    }

    /**
     * crd_finalizer.go: delete every custom resource of the definition, and once none is left (their
     * own finalizers may hold them) drop the cleanup finalizer, which completes the deletion.
     */
    private void finalizeDeletion(String name, List<ResourceType<?>> rows) {
        boolean done = true;
        try {
            if (!rows.isEmpty() && deleteAll(rows.get(0)) > 0) {
                done = false;
                worker.schedule(() -> finalizeDeletion(name, rows), RECHECK_SECONDS, TimeUnit.SECONDS);
                return;
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
        } finally {
            if (done) {
                finalizing.remove(name);
            }
        }
    }

    /** Deletes what is there; answers how many objects remain (held by their finalizers). */
    private <T extends HasMetadata> int deleteAll(ResourceType<T> row) {
        ResourceStore<T> store = registry.storeFor(row);
        if (store == null) {
            return 0;
        }
        store.deleteCollection(null, ListQuery.ALL, new DeleteOptions(), false);
        return store.list(null, ListQuery.ALL).items().size();
    }
}
