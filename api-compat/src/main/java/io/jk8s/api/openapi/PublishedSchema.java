package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI definition a resource publishes for its kind when no model class describes it (a
 * custom resource's version, from its definition's schema), once per dialect since kube converts
 * the v3 schema for swagger 2.0. The documents add the {@code x-kubernetes-group-version-kind}
 * extension, the list kind and the paths; the objects are never modified.
 */
public record PublishedSchema(ObjectNode v2, ObjectNode v3) {

    ObjectNode in(Dialect dialect) {
        return dialect == Dialect.V2 ? v2 : v3;
    }
}
