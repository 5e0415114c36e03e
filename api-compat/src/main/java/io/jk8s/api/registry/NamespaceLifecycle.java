package io.jk8s.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The NamespaceLifecycle admission rule (plugin/pkg/admission/namespace/lifecycle): a namespaced
 * object can only be created in a namespace that exists (kube answers 404 {@code namespaces "x" not
 * found}) and is not being terminated (403, so that the namespace controller's cleanup converges).
 */
final class NamespaceLifecycle {

    private static final String TERMINATING = "Terminating";

    private final Store store;
    private final ResourceType<?> namespaces;

    NamespaceLifecycle(Store store, ResourceType<?> namespaces) {
        this.store = store;
        this.namespaces = namespaces;
    }

    void admitCreate(ResourceType<?> type, ObjectMeta meta) {
        String namespace = meta.getNamespace();
        KeyValue kv = store.get(StorageKeys.key(namespaces, null, namespace));
        if (kv == null) {
            throw StatusErrors.notFound(namespaces.group(), namespaces.plural(), namespace);
        }
        if (TERMINATING.equals(phase(kv))) {
            throw StatusErrors.namespaceTerminating(type.group(), type.plural(), meta.getName(), namespace);
        }
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
