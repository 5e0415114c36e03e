package io.jk8s.api.registry;

import io.jk8s.api.errors.StatusErrors;
import io.jk8s.storage.Store;

/**
 * The NamespaceLifecycle admission rule: a namespaced object can only be created in a namespace
 * that exists (kube answers 404 {@code namespaces "x" not found}).
 */
final class NamespaceLifecycle {

    private final Store store;
    private final ResourceType<?> namespaces;

    NamespaceLifecycle(Store store, ResourceType<?> namespaces) {
        this.store = store;
        this.namespaces = namespaces;
    }

    void admitCreate(String namespace) {
        if (store.get(StorageKeys.key(namespaces, null, namespace)) == null) {
            throw StatusErrors.notFound(namespaces.group(), namespaces.plural(), namespace);
        }
    }
}
