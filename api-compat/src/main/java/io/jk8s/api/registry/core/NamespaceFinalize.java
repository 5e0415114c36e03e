package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.ResourceStore;
import java.util.ArrayList;
import java.util.List;

/**
 * namespaces/finalize (pkg/registry/core/namespace/storage FinalizeREST): the one way to change a
 * namespace's spec.finalizers. The namespace controller PUTs the namespace without "kubernetes"
 * once the contents are gone; when a marked namespace's last finalizer goes, the store removes it.
 */
public final class NamespaceFinalize {

    private NamespaceFinalize() {}

    public static Namespace update(ResourceStore<Namespace> namespaces, String name, Namespace body) {
        if (body == null) {
            throw StatusErrors.badRequest("the request body is empty; expected a Namespace");
        }
        if (body.getMetadata() != null && body.getMetadata().getName() != null && !body.getMetadata().getName().equals(name)) {
            throw StatusErrors.badRequest("the name of the object (" + body.getMetadata().getName()
                    + ") does not match the name on the URL (" + name + ")");
        }
        List<String> finalizers = new ArrayList<>(NamespaceStrategy.finalizers(body));
        String rv = body.getMetadata() == null ? null : body.getMetadata().getResourceVersion();
        return namespaces.modifyWithStatus(null, name, rv, namespace -> {
            NamespaceSpec spec = namespace.getSpec() == null ? new NamespaceSpec() : namespace.getSpec();
            spec.setFinalizers(finalizers);
            namespace.setSpec(spec);
            return namespace;
        });
    }
}
