package io.jk8s.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The apidiscovery.k8s.io/v2 types (k8s.io/api/apidiscovery/v2/types.go): one document per
 * {@code /api} or {@code /apis} that lists every group, version and resource, so a client needs
 * one request instead of one per group version.
 */
public final class AggregatedDiscovery {

    public static final String API_VERSION = "apidiscovery.k8s.io/v2";

    private AggregatedDiscovery() {}

    public record GroupList(String kind, String apiVersion, Map<String, Object> metadata, List<Group> items) {
        public GroupList(List<Group> items) {
            this("APIGroupDiscoveryList", API_VERSION, Map.of(), items);
        }
    }

    /** metadata carries only the group name; the core group has none. */
    public record Group(Map<String, Object> metadata, List<Version> versions) {}

    public record Version(String version, List<Resource> resources, String freshness) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Resource(String resource, GroupVersionKind responseKind, String scope, String singularResource,
                           @JsonInclude(JsonInclude.Include.ALWAYS) List<String> verbs,
                           List<String> shortNames, List<String> categories, List<Subresource> subresources) {}

    /** APISubresourceDiscovery. */
    public record Subresource(String subresource, GroupVersionKind responseKind, List<String> verbs) {}

    /** Serialized with all three fields, "" for the core group, as upstream. */
    public record GroupVersionKind(String group, String version, String kind) {}
}
