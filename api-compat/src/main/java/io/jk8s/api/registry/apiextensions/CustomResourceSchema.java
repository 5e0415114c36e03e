package io.jk8s.api.registry.apiextensions;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.errors.FieldError;
import java.util.List;

/** A version's openAPIV3Schema as the custom resource handler applies it: pruning, then validation. */
final class CustomResourceSchema {

    private final JSONSchemaProps root;

    CustomResourceSchema(JSONSchemaProps root) {
        this.root = root;
    }

    void prune(GenericKubernetesResource object) {}

    List<FieldError> validate(GenericKubernetesResource object) {
        return List.of();
    }
}
