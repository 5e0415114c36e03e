package io.jk8s.api.registry;

/**
 * Where objects live in the store: {@code /registry/<resource>/<namespace>/<name>} for core
 * namespaced resources, {@code /registry/<resource>/<name>} for cluster-scoped ones, and
 * {@code /registry/<group>/<resource>/...} for other groups, where the resource is the one the
 * objects are stored as ({@link StorageVersion}). Collection prefixes end with '/', so
 * namespace "dev" never matches keys of namespace "dev2".
 */
public final class StorageKeys {

    private StorageKeys() {}

    /** The prefix of a collection: one namespace, or all of them when {@code namespace} is null. */
    public static String prefix(ResourceType<?> type, String namespace) {
        StorageVersion storage = type.storage();
        String base = storage.group().isEmpty()
                ? "/registry/" + storage.plural() + "/"
                : "/registry/" + storage.group() + "/" + storage.plural() + "/";
        return type.namespaced() && namespace != null ? base + namespace + "/" : base;
    }

    public static String key(ResourceType<?> type, String namespace, String name) {
        return prefix(type, namespace) + name;
    }
}
