package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Locale;

/**
 * One row of the resource table: everything routing, discovery, storage and (later) OpenAPI and
 * RBAC need to know about a resource. Declared once in {@link ResourceTable}.
 *
 * @param group API group, "" for the core group
 * @param verbs the verbs this server actually implements for the resource (as discovery reports them)
 * @param computed for a resource that is never stored, what answers its requests; null for stored resources
 */
public record ResourceType<T extends HasMetadata>(
        String group, String version, String kind, String plural, String singular,
        List<String> shortNames, List<String> categories, boolean namespaced, List<String> verbs,
        List<Subresource> subresources, StorageVersion storage, Class<T> modelClass, Strategy<T> strategy,
        ComputedResource<T> computed) {

    /** The verbs the generic store serves (kube's full set for a plain resource). */
    public static final List<String> STANDARD_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    /** A namespaced resource with the standard verbs, no short names and no categories. */
    public static <T extends HasMetadata> ResourceType<T> of(String group, String version, String kind, String plural,
                                                              Class<T> modelClass, Strategy<T> strategy) {
        return new ResourceType<>(group, version, kind, plural, kind.toLowerCase(Locale.ROOT), List.of(), List.of(),
                true, STANDARD_VERBS, List.of(), StorageVersion.itself(group, plural), modelClass, strategy, null);
    }

    /** A cluster-scoped resource that only answers creates (see {@link CreateOnlyResource}). */
    public static <T extends HasMetadata> ResourceType<T> createOnly(String group, String version, String kind, String plural,
                                                                      Class<T> modelClass, CreateOnlyResource<T> resource) {
        return createOnly(group, version, kind, plural, modelClass, resource, new Strategy<T>() {});
    }

    /** As {@link #createOnly(String, String, String, String, Class, CreateOnlyResource)}, with a strategy that is attached to the registry. */
    public static <T extends HasMetadata> ResourceType<T> createOnly(String group, String version, String kind, String plural,
                                                                      Class<T> modelClass, CreateOnlyResource<T> resource,
                                                                      Strategy<T> strategy) {
        return new ResourceType<>(group, version, kind, plural, kind.toLowerCase(Locale.ROOT), List.of(), List.of(),
                false, List.of("create"), List.of(), StorageVersion.itself(group, plural), modelClass, strategy, resource);
    }

    /** A cluster-scoped resource answered by {@code resource} for get and list only; {@code strategy} gives its table columns. */
    public static <T extends HasMetadata> ResourceType<T> readOnly(String group, String version, String kind, String plural,
                                                                    Class<T> modelClass, ReadOnlyResource<T> resource,
                                                                    Strategy<T> strategy) {
        return new ResourceType<>(group, version, kind, plural, kind.toLowerCase(Locale.ROOT), List.of(), List.of(),
                false, List.of("get", "list"), List.of(), StorageVersion.itself(group, plural), modelClass, strategy, resource);
    }

    public ResourceType<T> clusterScoped() {
        return new ResourceType<>(group, version, kind, plural, singular, shortNames, categories, false, verbs,
                subresources, storage, modelClass, strategy, computed);
    }

    /** A namespaced resource that only answers creates (LocalSubjectAccessReview). */
    public ResourceType<T> namespaceScoped() {
        return new ResourceType<>(group, version, kind, plural, singular, shortNames, categories, true, verbs,
                subresources, storage, modelClass, strategy, computed);
    }

    public ResourceType<T> shortNames(String... names) {
        return new ResourceType<>(group, version, kind, plural, singular, List.of(names), categories, namespaced, verbs,
                subresources, storage, modelClass, strategy, computed);
    }

    /** Categories group resources for {@code kubectl get <category>}; kube puts the workloads in "all". */
    public ResourceType<T> categories(String... names) {
        return new ResourceType<>(group, version, kind, plural, singular, shortNames, List.of(names), namespaced, verbs,
                subresources, storage, modelClass, strategy, computed);
    }

    /** Adds the status subresource: the main resource then ignores status, {@code /status} ignores the rest. */
    public ResourceType<T> withStatus() {
        return withSubresource(Subresource.status(group, version, kind));
    }

    public ResourceType<T> withSubresource(Subresource subresource) {
        List<Subresource> all = new java.util.ArrayList<>(subresources);
        all.add(subresource);
        return new ResourceType<>(group, version, kind, plural, singular, shortNames, categories, namespaced, verbs,
                List.copyOf(all), storage, modelClass, strategy, computed);
    }

    /** Stores the objects as another resource's, converted (see {@link StorageVersion}). */
    public ResourceType<T> storedAs(String storageGroup, String storagePlural, StorageVersion.Converter converter) {
        return new ResourceType<>(group, version, kind, plural, singular, shortNames, categories, namespaced, verbs,
                subresources, new StorageVersion(storageGroup, storagePlural, converter), modelClass, strategy, computed);
    }

    public java.util.Optional<Subresource> subresource(String name) {
        return subresources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether objects of this resource are kept in the store (all but {@link CreateOnlyResource}s). */
    public boolean stored() {
        return computed == null;
    }

    public boolean hasStatus() {
        return subresource("status").isPresent();
    }

    /** "v1" for the core group, "apps/v1" otherwise. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String listKind() {
        return kind + "List";
    }

    public boolean supports(String verb) {
        return verbs.contains(verb);
    }
}
