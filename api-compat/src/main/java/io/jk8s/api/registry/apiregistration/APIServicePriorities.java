package io.jk8s.api.registry.apiregistration;

import java.util.Map;
import java.util.Optional;

/**
 * The group and version priorities kube-apiserver gives the local APIServices of its built-in
 * group-versions (cmd/kube-apiserver/app/aggregator.go apiVersionPriorities merged with
 * pkg/controlplane/apiserver DefaultGenericAPIServicePriorities). A group-version missing here gets
 * no APIService, as upstream. CRD versions all get 1000/100 (crdregistration_controller.go).
 */
public final class APIServicePriorities {

    public record Priority(int group, int version) {}

    public static final Priority CUSTOM_RESOURCE = new Priority(1000, 100);

    private static final Map<String, Priority> BUILT_IN = Map.ofEntries(
            Map.entry("v1", new Priority(18000, 1)),
            Map.entry("apps/v1", new Priority(17800, 15)),
            Map.entry("events.k8s.io/v1", new Priority(17750, 15)),
            Map.entry("authentication.k8s.io/v1", new Priority(17700, 15)),
            Map.entry("authorization.k8s.io/v1", new Priority(17600, 15)),
            Map.entry("autoscaling/v2", new Priority(17500, 30)),
            Map.entry("autoscaling/v1", new Priority(17500, 15)),
            Map.entry("batch/v1", new Priority(17400, 15)),
            Map.entry("certificates.k8s.io/v1", new Priority(17300, 15)),
            Map.entry("networking.k8s.io/v1", new Priority(17200, 15)),
            Map.entry("policy/v1", new Priority(17100, 15)),
            Map.entry("rbac.authorization.k8s.io/v1", new Priority(17000, 15)),
            Map.entry("storage.k8s.io/v1", new Priority(16800, 15)),
            Map.entry("apiextensions.k8s.io/v1", new Priority(16700, 15)),
            Map.entry("admissionregistration.k8s.io/v1", new Priority(16700, 15)),
            Map.entry("scheduling.k8s.io/v1", new Priority(16600, 15)),
            Map.entry("coordination.k8s.io/v1", new Priority(16500, 15)),
            Map.entry("node.k8s.io/v1", new Priority(16300, 15)),
            Map.entry("discovery.k8s.io/v1", new Priority(16200, 15)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1", new Priority(16100, 21)));

    private APIServicePriorities() {}

    /** The priority of a built-in group-version ("" is the core group). */
    public static Optional<Priority> builtIn(String group, String version) {
        return Optional.ofNullable(BUILT_IN.get(group.isEmpty() ? version : group + "/" + version));
    }
}
