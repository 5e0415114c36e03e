package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's rbac/bootstrap-roles post-start hook (pkg/registry/rbac/rest/storage_rbac.go):
 * the default ClusterRoles, ClusterRoleBindings and the kube-system / kube-public Roles and
 * RoleBindings of {@code bootstrap-policy.yaml} are created when missing and, unless an
 * administrator set their autoupdate annotation to "false", reconciled on every start so that
 * deleted rules and subjects come back.
 */
public final class BootstrapPolicy {

    private static final Logger log = LoggerFactory.getLogger(BootstrapPolicy.class);
    private static final String RESOURCE = "bootstrap-policy.yaml";
    /** controller_policy.go binds each system:controller:NAME role to the kube-system ServiceAccount NAME. */
    static final String CONTROLLER_PREFIX = "system:controller:";
    private static final int WRITERS = 8;

    /** The policy as the YAML resource declares it. */
    record Policy(List<ClusterRole> clusterRoles, List<ClusterRoleBinding> clusterRoleBindings, List<Role> roles,
            List<RoleBinding> roleBindings) {}

    private BootstrapPolicy() {}

    /** The policy with the defaults kube puts on every object filled in. */
    static Policy load() {
        Policy declared;
        try (InputStream in = Objects.requireNonNull(BootstrapPolicy.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            declared = ObjectCodec.YAML.readValue(in, Policy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        declared.clusterRoles().forEach(PolicyMetadata::addDefaults);
        declared.roles().forEach(PolicyMetadata::addDefaults);
        List<ClusterRoleBinding> clusterBindings = new ArrayList<>(declared.clusterRoleBindings());
        declared.clusterRoles().stream().map(role -> role.getMetadata().getName()).filter(name -> name.startsWith(CONTROLLER_PREFIX))
                .forEach(name -> clusterBindings.add(controllerBinding(name)));
        for (ClusterRoleBinding binding : clusterBindings) {
            PolicyMetadata.addDefaults(binding);
            binding.setRoleRef(completeRef(binding.getRoleRef(), "ClusterRole", binding.getMetadata().getName()));
            Bindings.applyDefaults(binding.getRoleRef(), binding.getSubjects());
        }
        for (RoleBinding binding : declared.roleBindings()) {
            PolicyMetadata.addDefaults(binding);
            binding.setRoleRef(completeRef(binding.getRoleRef(), "Role", binding.getMetadata().getName()));
            Bindings.applyDefaults(binding.getRoleRef(), binding.getSubjects());
        }
        return new Policy(declared.clusterRoles(), clusterBindings, declared.roles(), declared.roleBindings());
    }

    /** Blocks on storage. Namespaced defaults need kube-system and kube-public to exist already. */
    public static void ensure(Registry registry) {
        long started = System.nanoTime();
        Policy policy = load();
        // each create is a synced write: about 130 of them one after the other held readiness for a
        // second on a first start; made together, the store's group commit shares their syncs
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>();
            policy.clusterRoles().forEach(role -> writes.add(writers.submit(
                    () -> ensureRole(registry, "clusterroles", role, RoleReconciliation.CLUSTER_ROLES))));
            policy.clusterRoleBindings().forEach(binding -> writes.add(writers.submit(
                    () -> ensureBinding(registry, "clusterrolebindings", binding, RoleBindingReconciliation.CLUSTER_ROLE_BINDINGS))));
            policy.roles().forEach(role -> writes.add(writers.submit(
                    () -> ensureRole(registry, "roles", role, RoleReconciliation.ROLES))));
            policy.roleBindings().forEach(binding -> writes.add(writers.submit(
                    () -> ensureBinding(registry, "rolebindings", binding, RoleBindingReconciliation.ROLE_BINDINGS))));
            for (Future<?> write : writes) {
                await(write);
            }
        } finally {
            writers.shutdown();
        }
        log.info("default RBAC policy ensured in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void await(Future<?> write) {
        try {
            write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ensuring the default RBAC policy", e);
        }
    }

    private static <T extends HasMetadata> void ensureRole(Registry registry, String plural, T expected,
            RoleReconciliation<T> reconciliation) {
        ResourceStore<T> store = store(registry, plural);
        T existing = existing(store, expected);
        if (existing == null) {
            create(store, expected);
        } else if (!PolicyMetadata.isProtected(existing) && reconciliation.reconcile(existing, expected)) {
            update(store, existing);
        }
    }

    private static <T extends HasMetadata> void ensureBinding(Registry registry, String plural, T expected,
            RoleBindingReconciliation<T> reconciliation) {
        ResourceStore<T> store = store(registry, plural);
        T existing = existing(store, expected);
        if (existing == null) {
            create(store, expected);
        } else if (PolicyMetadata.isProtected(existing)) {
            return;
        } else if (reconciliation.needsRecreate(existing, expected)) {
            log.info("recreating {} {} to restore its roleRef", plural, name(expected));
            store.delete(expected.getMetadata().getNamespace(), expected.getMetadata().getName(), new DeleteOptions());
            create(store, expected);
        } else if (reconciliation.reconcile(existing, expected)) {
            update(store, existing);
        }
    }

    /** The stored object (freshly decoded, so ours to change), or null. */
    private static <T extends HasMetadata> T existing(ResourceStore<T> store, T expected) {
        try {
            return store.get(expected.getMetadata().getNamespace(), expected.getMetadata().getName());
        } catch (ApiException e) {
            if ("NotFound".equals(e.reason())) {
                return null;
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> void create(ResourceStore<T> store, T expected) {
        // a fresh copy: the store fills in metadata, and the policy may be loaded again
        T object = (T) ObjectCodec.fromJson(ObjectCodec.toJson(expected), expected.getClass());
        try {
            store.create(object.getMetadata().getNamespace(), object);
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
    }

    private static <T extends HasMetadata> void update(ResourceStore<T> store, T reconciled) {
        log.info("reconciled {} {} with the default RBAC policy", store.type().plural(), name(reconciled));
        store.update(reconciled.getMetadata().getNamespace(), reconciled.getMetadata().getName(), reconciled);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceStore<T> store(Registry registry, String plural) {
        ResourceType<T> type = (ResourceType<T>) registry.table().find(Bindings.GROUP, "v1", plural).orElseThrow();
        return registry.storeFor(type);
    }

    private static RoleRef completeRef(RoleRef declared, String kind, String name) {
        return declared != null ? declared : new RoleRef(Bindings.GROUP, kind, name);
    }

    private static ClusterRoleBinding controllerBinding(String roleName) {
        ClusterRoleBinding binding = new ClusterRoleBinding();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(roleName);
        binding.setMetadata(meta);
        binding.setSubjects(List.of(new Subject(null, "ServiceAccount", roleName.substring(CONTROLLER_PREFIX.length()), "kube-system")));
        return binding;
    }

    private static String name(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
    }
}
