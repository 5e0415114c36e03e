package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Label and field selectors together: kube's SelectionPredicate. */
public record Selection<T extends HasMetadata>(LabelSelector labels, FieldSelector<T> fields) {

    public boolean isEverything() {
        return labels.isEverything() && fields.isEverything();
    }

    public boolean matches(T object) {
        return labels.matches(object.getMetadata().getLabels()) && fields.matches(object);
    }
}
