package io.jk8s.api.openapi;

import java.util.List;

/**
 * The merge semantics Kubernetes attaches to a field (the {@code x-kubernetes-patch-*},
 * {@code x-kubernetes-list-*} and {@code x-kubernetes-map-type} extensions). Read by the OpenAPI
 * documents, the strategic merge patcher and (later) server-side apply.
 *
 * @param patchStrategy "merge", "replace", "retainKeys" or "merge,retainKeys"; null means replace
 */
public record FieldPatchMeta(String patchStrategy, String patchMergeKey, String listType, List<String> listMapKeys,
                             String mapType) {

    public static final FieldPatchMeta NONE = new FieldPatchMeta(null, null, null, List.of(), null);

    public boolean merges() {
        return patchStrategy != null && List.of(patchStrategy.split(",")).contains("merge");
    }

    public boolean retainsKeys() {
        return patchStrategy != null && List.of(patchStrategy.split(",")).contains("retainKeys");
    }
}
