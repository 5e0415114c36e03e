package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of kube-apiserver's RBAC bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy)
 * jk8s has so far: the {@code cluster-admin} ClusterRole and its binding to {@code system:masters},
 * marked as kube marks every default. Created when missing on each start; never overwritten.
 */
public final class BootstrapPolicy {

    static final String NAME = "cluster-admin";
    private static final String MASTERS = "system:masters";
    private static final Map<String, String> LABELS = Map.of("kubernetes.io/bootstrapping", "rbac-defaults");
    private static final Map<String, String> ANNOTATIONS = Map.of("rbac.authorization.kubernetes.io/autoupdate", "true");

    private BootstrapPolicy() {}

    /** Blocks on storage. */
    public static void ensure(Registry registry) {
        ClusterRole role = new ClusterRole();
        role.setMetadata(metadata());
        PolicyRule everyResource = new PolicyRule();
        everyResource.setApiGroups(List.of("*"));
        everyResource.setResources(List.of("*"));
        everyResource.setVerbs(List.of("*"));
        PolicyRule everyUrl = new PolicyRule();
        everyUrl.setNonResourceURLs(List.of("*"));
        everyUrl.setVerbs(List.of("*"));
        role.setRules(List.of(everyResource, everyUrl));
        createIfMissing(registry, "clusterroles", role);

        ClusterRoleBinding binding = new ClusterRoleBinding();
        binding.setMetadata(metadata());
        RoleRef roleRef = new RoleRef();
        roleRef.setApiGroup(Bindings.GROUP);
        roleRef.setKind("ClusterRole");
        roleRef.setName(NAME);
        binding.setRoleRef(roleRef);
        Subject masters = new Subject();
        masters.setApiGroup(Bindings.GROUP);
        masters.setKind("Group");
        masters.setName(MASTERS);
        binding.setSubjects(List.of(masters));
        createIfMissing(registry, "clusterrolebindings", binding);
    }

    private static ObjectMeta metadata() {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(NAME);
        meta.setLabels(new HashMap<>(LABELS));
        meta.setAnnotations(new HashMap<>(ANNOTATIONS));
        return meta;
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> void createIfMissing(Registry registry, String plural, T object) {
        ResourceType<T> type = (ResourceType<T>) registry.table().find(Bindings.GROUP, "v1", plural).orElseThrow();
        ResourceStore<T> store = registry.storeFor(type);
        try {
            store.create(null, object);
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
    }
}
