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
 */
public record ResourceType<T extends HasMetadata>(
        String group, String version, String kind, String plural, String singular,
        List<String> shortNames, List<String> categories, boolean namespaced, List<String> verbs,
        Class<T> modelClass, Strategy<T> strategy) {

    /** The verbs the generic store serves today; deletecollection arrives with its handler. */
    public static final List<String> STANDARD_VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

    /** A namespaced resource with the standard verbs, no short names and no categories. */
    public static <T extends HasMetadata> ResourceType<T> of(String group, String version, String kind, String plural,
                                                              Class<T> modelClass, Strategy<T> strategy) {
        return new ResourceType<>(group, version, kind, plural, kind.toLowerCase(Locale.ROOT), List.of(), List.of(),
                true, STANDARD_VERBS, modelClass, strategy);
    }

    public ResourceType<T> clusterScoped() {
        return new ResourceType<>(group, version, kind, plural, singular, shortNames, categories, false, verbs, modelClass, strategy);
    }

    public ResourceType<T> shortNames(String... names) {
        return new ResourceType<>(group, version, kind, plural, singular, List.of(names), categories, namespaced, verbs, modelClass, strategy);
    }

    public ResourceType<T> categories(String... names) {
        return new ResourceType<>(group, version, kind, plural, singular, shortNames, List.of(names), namespaced, verbs, modelClass, strategy);
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
