package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Namespaces (pkg/registry/core/namespace/strategy.go). */
public final class NamespaceStrategy implements Strategy<Namespace> {

    /** Set by kube on every namespace so that namespace selectors can match by name. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";
    /** The finalizer the namespace controller removes once the namespace's contents are gone. */
    public static final String KUBERNETES_FINALIZER = "kubernetes";
    static final String TERMINATING = "Terminating";
    /** The NamespaceLifecycle admission plugin's immortal namespaces; kube-node-lease is not one of them. */
    private static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1123_LABEL;
    }

    @Override
    public void prepareForCreate(Namespace namespace) {
        namespace.setStatus(new NamespaceStatus(List.of(), "Active"));
        NamespaceSpec spec = namespace.getSpec() == null ? new NamespaceSpec() : namespace.getSpec();
        List<String> finalizers = new ArrayList<>(spec.getFinalizers() == null ? List.of() : spec.getFinalizers());
        if (!finalizers.contains(KUBERNETES_FINALIZER)) {
            finalizers.add(KUBERNETES_FINALIZER);
        }
        spec.setFinalizers(finalizers);
        namespace.setSpec(spec);
        setNameLabel(namespace);
    }

    /** Status and finalizers only change through the status and finalize subresources. */
    @Override
    public void prepareForUpdate(Namespace namespace, Namespace old) {
        namespace.setStatus(old.getStatus());
        namespace.setSpec(old.getSpec());
        setNameLabel(namespace);
    }

    /** spec.finalizers hold a deletion like metadata.finalizers; the namespace controller empties them via /finalize. */
    @Override
    public boolean holdsDeletion(Namespace namespace) {
        return !finalizers(namespace).isEmpty();
    }

    @Override
    public void admitDelete(Namespace namespace) {
        String name = namespace.getMetadata().getName();
        if (IMMORTAL.contains(name)) {
            throw StatusErrors.forbidden("", "namespaces", name, "this namespace may not be deleted");
        }
    }

    /** Even a namespace without finalizers goes through Terminating (namespace storage.go Delete). */
    @Override
    public boolean marksOnFirstDelete() {
        return true;
    }

    /** The first DELETE (pkg/registry/core/namespace/storage Delete) only starts termination. */
    @Override
    public void prepareForDeletion(Namespace namespace) {
        NamespaceStatus status = namespace.getStatus() == null ? new NamespaceStatus() : namespace.getStatus();
        status.setPhase(TERMINATING);
        namespace.setStatus(status);
    }

    @Override
    public void checkRepeatedDelete(Namespace namespace) {
        if (holdsDeletion(namespace)) {
            throw StatusErrors.conflictBecause("", "namespaces", namespace.getMetadata().getName(),
                    "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace"
                            + " will automatically be purged by the system.");
        }
    }

    static List<String> finalizers(Namespace namespace) {
        return namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null
                ? List.of() : namespace.getSpec().getFinalizers();
    }

    @Override
    public boolean returnDeletedObject() {
        return true;
    }

    @Override
    public List<TableColumn<Namespace>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Status", "string", "The status of the namespace",
                        (ns, now) -> ns.getStatus() == null ? "" : ns.getStatus().getPhase()),
                StandardColumns.age());
    }

    @Override
    public Map<String, Function<Namespace, String>> fieldLabels() {
        return Map.of("status.phase", ns -> ns.getStatus() == null ? "" : ns.getStatus().getPhase());
    }

    private static void setNameLabel(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(namespace.getMetadata().getLabels());
        labels.put(NAME_LABEL, namespace.getMetadata().getName());
        namespace.getMetadata().setLabels(new java.util.TreeMap<>(labels));
    }
}
