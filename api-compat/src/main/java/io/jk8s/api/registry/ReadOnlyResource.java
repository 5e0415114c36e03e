package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * A cluster-scoped resource that only answers get and list, computed when asked (kube's
 * componentstatus REST, a {@code rest.Getter} and {@code rest.Lister} over probes): no store, no
 * watch, discovery verbs ["get", "list"].
 */
public non-sealed interface ReadOnlyResource<T extends HasMetadata> extends ComputedResource<T> {

    /** Every object, as of now. */
    List<T> list();

    /**
     * The warning kube's deprecation filter sends with every answer ("v1 ComponentStatus is
     * deprecated in v1.19+"), or null for a resource that is not deprecated.
     */
    default String deprecationWarning() {
        return null;
    }
}
