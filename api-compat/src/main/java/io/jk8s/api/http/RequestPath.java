package io.jk8s.api.http;

import io.jk8s.api.errors.StatusErrors;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The resource part of a request URL, parsed like kube-apiserver's RequestInfoFactory
 * (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): after {@code /api/v1} or
 * {@code /apis/<group>/<version>} come {@code [namespaces/<ns>/]<resource>[/<name>[/<subresource>]]}.
 * {@code /namespaces/<ns>} alone (and its status/finalize subresources) address the namespace itself.
 *
 * @param namespace null when the URL names none
 * @param name null for a collection
 */
public record RequestPath(String group, String version, String namespace, String resource, String name, String subresource) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** @param rest the path after the group version, without leading '/' */
    public static RequestPath parse(String group, String version, String rest) {
        List<String> parts = Arrays.stream(rest.split("/")).filter(p -> !p.isEmpty()).toList();
        String namespace = null;
        if (parts.size() > 2 && parts.get(0).equals("namespaces") && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
            namespace = parts.get(1);
            parts = parts.subList(2, parts.size());
        }
        if (parts.isEmpty() || parts.size() > 3) {
            throw StatusErrors.pathNotFound();
        }
        return new RequestPath(group, version, namespace, parts.get(0),
                parts.size() > 1 ? parts.get(1) : null, parts.size() > 2 ? parts.get(2) : null);
    }

    public boolean isCollection() {
        return name == null;
    }
}
