package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.jk8s.api.registry.core.ConfigMapStrategy;
import io.jk8s.api.registry.core.NamespaceStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources this server serves, declared once. Routing, discovery (plain and aggregated) and
 * storage all read this table, so they cannot disagree. Adding a resource is one entry here plus,
 * if it has special rules, a strategy.
 */
public final class ResourceTable {

    private final List<ResourceType<?>> types;
    private final Map<String, ResourceType<?>> byGroupVersionResource = new LinkedHashMap<>();

    public ResourceTable(List<ResourceType<?>> types) {
        this.types = List.copyOf(types);
        for (ResourceType<?> type : types) {
            byGroupVersionResource.put(gvr(type.group(), type.version(), type.plural()), type);
        }
    }

    /** The built-in Kubernetes resources served so far. */
    public static ResourceTable builtIn() {
        return new ResourceTable(List.of(
                ResourceType.of("", "v1", "Namespace", "namespaces", Namespace.class, new NamespaceStrategy())
                        .clusterScoped().shortNames("ns"),
                ResourceType.of("", "v1", "ConfigMap", "configmaps", ConfigMap.class, new ConfigMapStrategy())
                        .shortNames("cm")));
    }

    public List<ResourceType<?>> all() {
        return types;
    }

    public Optional<ResourceType<?>> find(String group, String version, String plural) {
        return Optional.ofNullable(byGroupVersionResource.get(gvr(group, version, plural)));
    }

    /** Resources of one group version, in declaration order. */
    public List<ResourceType<?>> inGroupVersion(String group, String version) {
        return types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }

    /** Non-core groups, in declaration order, each with its versions in declaration order. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType<?> type : types) {
            if (!type.group().isEmpty()) {
                List<String> versions = groups.computeIfAbsent(type.group(), g -> new java.util.ArrayList<>());
                if (!versions.contains(type.version())) {
                    versions.add(type.version());
                }
            }
        }
        return groups;
    }

    private static String gvr(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
