package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A resource that answers a POST and keeps nothing (kube's REST storages that are only a
 * {@code rest.Creater}, such as the access reviews): no store, no watch, discovery verbs
 * ["create"]. The answer is sent with 201, like a created object.
 */
public non-sealed interface CreateOnlyResource<T extends HasMetadata> extends ComputedResource<T> {

    /** The answer to one decoded request, typically the request with its status filled in. */
    T create(T request);
}
