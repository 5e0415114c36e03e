package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A resource that is never stored: its answers are computed on each request (kube's REST
 * storages that are not a generic registry store, such as the access reviews or componentstatuses).
 */
public sealed interface ComputedResource<T extends HasMetadata> permits CreateOnlyResource, ReadOnlyResource {}
