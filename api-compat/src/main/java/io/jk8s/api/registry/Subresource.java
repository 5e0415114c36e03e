package io.jk8s.api.registry;

import java.util.List;

/**
 * A subresource as discovery reports it ({@code pods/status}, {@code deployments/scale}): its name,
 * the kind its requests and responses carry, and its verbs. What each one does lives in the HTTP
 * layer's subresource handling; the table only declares which resource has which.
 */
public record Subresource(String name, String group, String version, String kind, List<String> verbs) {

    /** The status subresource carries the parent kind itself. */
    public static Subresource status(String group, String version, String kind) {
        return new Subresource("status", group, version, kind, List.of("get", "patch", "update"));
    }

    /** autoscaling/v1 Scale, for the kinds with spec.replicas (what `kubectl scale` and HPAs use). */
    public static Subresource scale() {
        return new Subresource("scale", "autoscaling", "v1", "Scale", List.of("get", "patch", "update"));
    }

    /** pods/binding: the scheduler POSTs a Binding to assign a node. */
    public static Subresource binding() {
        return new Subresource("binding", "", "v1", "Binding", List.of("create"));
    }

    /** namespaces/finalize: the namespace controller replaces spec.finalizers through it. */
    public static Subresource namespaceFinalize() {
        return new Subresource("finalize", "", "v1", "Namespace", List.of("update"));
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
