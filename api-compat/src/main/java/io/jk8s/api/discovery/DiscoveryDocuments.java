package io.jk8s.api.discovery;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ServerAddressByClientCIDR;
import io.jk8s.api.registry.ResourceTable;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.registry.apiregistration.AggregatedAPIServices;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every discovery document, plain and aggregated, derived from the one resource table so they
 * can never disagree with routing.
 */
public final class DiscoveryDocuments {

    private final ResourceTable table;
    private final String serverAddress;
    private final AggregatedAPIServices aggregatedAPIs;

    /** @param aggregatedAPIs the groups APIServices hand to services, listed after the local ones */
    public DiscoveryDocuments(ResourceTable table, String serverAddress, AggregatedAPIServices aggregatedAPIs) {
        this.table = table;
        this.serverAddress = serverAddress;
        this.aggregatedAPIs = aggregatedAPIs;
    }

    /** Local groups, then the groups only APIServices with a service name (a local group wins). */
    private Map<String, List<String>> groups() {
        Map<String, List<String>> local = table.groups();
        if (aggregatedAPIs.groups().isEmpty()) {
            return local;
        }
        Map<String, List<String>> all = new java.util.LinkedHashMap<>(local);
        aggregatedAPIs.groups().forEach(all::putIfAbsent);
        return all;
    }

    /** {@code GET /api}. */
    public APIVersions coreVersions() {
        APIVersions versions = new APIVersions();
        versions.setKind("APIVersions");
        versions.setVersions(List.of("v1"));
        versions.setServerAddressByClientCIDRs(List.of(new ServerAddressByClientCIDR("0.0.0.0/0", serverAddress)));
        return versions;
    }

    /** {@code GET /apis}. */
    public APIGroupList groupList() {
        APIGroupList list = new APIGroupList();
        list.setKind("APIGroupList");
        list.setApiVersion("v1");
        List<APIGroup> groups = new ArrayList<>();
        groups().keySet().forEach(name -> group(name).ifPresent(groups::add));
        list.setGroups(groups);
        return list;
    }

    /** {@code GET /apis/<group>}. */
    public Optional<APIGroup> group(String name) {
        List<String> versions = groups().get(name);
        if (versions == null) {
            return Optional.empty();
        }
        List<GroupVersionForDiscovery> discovered = versions.stream()
                .map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
        APIGroup group = new APIGroup();
        group.setKind("APIGroup");
        group.setApiVersion("v1");
        group.setName(name);
        group.setVersions(discovered);
        group.setPreferredVersion(discovered.get(0));
        return Optional.of(group);
    }

    /** {@code GET /api/v1} or {@code GET /apis/<group>/<version>}. */
    public Optional<APIResourceList> resourceList(String group, String version) {
        List<ResourceType<?>> types = table.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        APIResourceList list = new APIResourceList();
        list.setKind("APIResourceList");
        list.setApiVersion("v1");
        list.setGroupVersion(group.isEmpty() ? version : group + "/" + version);
        List<APIResource> resources = new ArrayList<>();
        for (ResourceType<?> type : types) {
            resources.add(resource(type));
            type.subresources().forEach(sub -> resources.add(subresource(type, sub)));
        }
        list.setResources(resources);
        return Optional.of(list);
    }

    /** {@code GET /api} (core = true) or {@code GET /apis} as an APIGroupDiscoveryList. */
    public AggregatedDiscovery.GroupList aggregated(boolean core) {
        List<AggregatedDiscovery.Group> groups = new ArrayList<>();
        if (core) {
            groups.add(new AggregatedDiscovery.Group(Map.of(), List.of(aggregatedVersion("", "v1"))));
        } else {
            table.groups().forEach((name, versions) -> groups.add(new AggregatedDiscovery.Group(Map.of("name", name),
                    versions.stream().map(v -> aggregatedVersion(name, v)).toList())));
            // the aggregator could not fetch their discovery (it proxies nothing here): listed, stale, without resources
            aggregatedAPIs.groups().forEach((name, versions) -> {
                if (!table.groups().containsKey(name)) {
                    groups.add(new AggregatedDiscovery.Group(Map.of("name", name),
                            versions.stream().map(v -> new AggregatedDiscovery.Version(v, List.of(), "Stale")).toList()));
                }
            });
        }
        return new AggregatedDiscovery.GroupList(groups);
    }

    private AggregatedDiscovery.Version aggregatedVersion(String group, String version) {
        List<AggregatedDiscovery.Resource> resources = table.inGroupVersion(group, version).stream()
                .map(t -> new AggregatedDiscovery.Resource(t.plural(),
                        new AggregatedDiscovery.GroupVersionKind(t.group(), t.version(), t.kind()),
                        t.namespaced() ? "Namespaced" : "Cluster", t.singular(), t.verbs(), t.shortNames(),
                        t.categories(), t.subresources().stream().map(sub -> new AggregatedDiscovery.Subresource(sub.name(),
                                new AggregatedDiscovery.GroupVersionKind(sub.group(), sub.version(), sub.kind()), sub.verbs()))
                                .toList()))
                .toList();
        return new AggregatedDiscovery.Version(version, resources, "Current");
    }

    private static APIResource resource(ResourceType<?> type) {
        APIResource resource = new APIResource();
        resource.setName(type.plural());
        resource.setSingularName(type.singular());
        resource.setNamespaced(type.namespaced());
        resource.setKind(type.kind());
        resource.setVerbs(type.verbs());
        resource.setShortNames(type.shortNames().isEmpty() ? null : type.shortNames());
        resource.setCategories(type.categories().isEmpty() ? null : type.categories());
        // only storage that keeps objects has a storage version (installer.go asks for rest.StorageVersionProvider):
        // not the reviews, nor componentstatuses
        if (type.stored()) {
            resource.setStorageVersionHash(storageVersionHash(type));
        }
        return resource;
    }

    /** A subresource row of an APIResourceList: {@code pods/status}, {@code deployments/scale}. */
    private static APIResource subresource(ResourceType<?> type, Subresource sub) {
        APIResource resource = new APIResource();
        resource.setName(type.plural() + "/" + sub.name());
        resource.setSingularName("");
        resource.setNamespaced(type.namespaced());
        if (!sub.group().equals(type.group()) || !sub.version().equals(type.version())) {
            resource.setGroup(sub.group());
            resource.setVersion(sub.version());
        }
        resource.setKind(sub.kind());
        resource.setVerbs(sub.verbs());
        return resource;
    }

    /** Upstream's hash: base64 of the first 8 bytes of sha256("<group>/<version>/<Kind>"). */
    static String storageVersionHash(ResourceType<?> type) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256")
                    .digest((type.group() + "/" + type.version() + "/" + type.kind()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(Arrays.copyOf(sha, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
