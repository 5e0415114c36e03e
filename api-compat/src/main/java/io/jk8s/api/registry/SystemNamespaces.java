package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.jk8s.api.errors.ApiException;
import java.util.List;

/**
 * The namespaces every cluster has (kube-apiserver's SystemNamespaces bootstrap controller).
 * Creating them is idempotent, so it runs on every start.
 */
public final class SystemNamespaces {

    public static final List<String> NAMES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private SystemNamespaces() {}

    /** Blocks on storage. */
    public static void ensure(Registry registry) {
        ResourceType<?> type = registry.table().find("", "v1", "namespaces").orElseThrow();
        @SuppressWarnings("unchecked")
        ResourceStore<Namespace> namespaces = registry.storeFor((ResourceType<Namespace>) type);
        for (String name : NAMES) {
            Namespace namespace = new Namespace();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(name);
            namespace.setMetadata(meta);
            try {
                namespaces.create(null, namespace);
            } catch (ApiException e) {
                if (!"AlreadyExists".equals(e.reason())) {
                    throw e;
                }
            }
        }
    }
}
