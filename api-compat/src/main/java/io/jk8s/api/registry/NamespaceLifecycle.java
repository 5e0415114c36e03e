package io.jk8s.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.Store;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NamespaceLifecycle admission rule (plugin/pkg/admission/namespace/lifecycle): a namespaced
 * object can only be created in a namespace that exists (kube answers 404 {@code namespaces "x" not
 * found}) and is not being terminated (403, so that the namespace controller's cleanup converges).
 *
 * <p>As upstream's plugin reads namespaces from an informer, this one keeps their phases from a
 * storage watch, so a create costs no storage read; a namespace the watch has not delivered yet
 * (just created) is looked up in storage, as upstream looks up a lister miss live.
 */
final class NamespaceLifecycle implements WatchListener {

    private static final String TERMINATING = "Terminating";

    private final Store store;
    private final ResourceType<?> namespaces;
    private final Map<String, String> phases = new ConcurrentHashMap<>();
    /** Whether {@link #phases} follows storage; after the watch failed every create reads storage. */
    private volatile boolean watching;

    NamespaceLifecycle(Store store, ResourceType<?> namespaces) {
        this.store = store;
        this.namespaces = namespaces;
    }

    /** Starts following namespaces: listed at one revision, then watched from it. */
    synchronized void start() {
        String prefix = StorageKeys.prefix(namespaces, null);
        ListResult all = store.list(prefix, ListOptions.ALL);
        all.items().forEach(kv -> phases.put(name(kv), phase(kv)));
        store.watch(prefix, all.revision(), this);
        watching = true;
    }

    void admitCreate(ResourceType<?> type, ObjectMeta meta) {
        String namespace = meta.getNamespace();
        String phase = watching ? phases.get(namespace) : null;
        if (phase == null) {
            KeyValue kv = store.get(StorageKeys.key(namespaces, null, namespace));
            if (kv == null) {
                throw StatusErrors.notFound(namespaces.group(), namespaces.plural(), namespace);
            }
            phase = phase(kv);
        }
        if (TERMINATING.equals(phase)) {
            throw StatusErrors.namespaceTerminating(type.group(), type.plural(), meta.getName(), namespace);
        }
    }

    @Override
    public void onEvents(List<WatchEvent> events) {
        for (WatchEvent event : events) {
            if (event.type() == WatchEvent.Type.DELETE) {
                phases.remove(name(event.current()));
            } else {
                phases.put(name(event.current()), phase(event.current()));
            }
        }
    }

    @Override
    public void onClose(Throwable cause) {
        watching = false;
        phases.clear();
    }

    private String name(KeyValue kv) {
        return kv.key().substring(StorageKeys.prefix(namespaces, null).length());
    }

    private static String phase(KeyValue kv) {
        try {
            JsonNode namespace = ObjectCodec.JSON.readTree(kv.value());
            return namespace.path("status").path("phase").asText("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
