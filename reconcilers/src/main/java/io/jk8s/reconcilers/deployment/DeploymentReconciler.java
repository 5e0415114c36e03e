package io.jk8s.reconcilers.deployment;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.LabelSelectors;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rolls Deployments out through ReplicaSets (kube's deployment controller): one ReplicaSet per
 * pod template, named after its {@code pod-template-hash}, numbered by the
 * {@code deployment.kubernetes.io/revision} annotation that {@code kubectl rollout history/undo}
 * read; RollingUpdate and Recreate steps; old ReplicaSets beyond revisionHistoryLimit removed.
 */
public final class DeploymentReconciler implements Reconciler {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    static final String HASH_LABEL = "pod-template-hash";

    private final KubernetesClient client;
    private final Indexer<Deployment> deployments;
    private final Indexer<ReplicaSet> replicaSets;
    private final DeploymentStatusCalculator status;
    private final KubernetesSerialization serialization;
    private final EventRecorder events;

    public DeploymentReconciler(KubernetesClient client, Indexer<Deployment> deployments, Indexer<ReplicaSet> replicaSets,
            EventRecorder events, Clock clock) {
        this.client = client;
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.status = new DeploymentStatusCalculator(clock);
        this.serialization = client.getKubernetesSerialization();
        this.events = events;
    }

    @Override
    public Duration reconcile(String key) {
        Deployment d = deployments.getByKey(key);
        if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        List<ReplicaSet> owned = ownedReplicaSets(d);
        Integer collisions = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
        String hash = PodTemplateHash.of(d.getSpec().getTemplate(), collisions, serialization);
        ReplicaSet newRs = owned.stream()
                .filter(rs -> hash.equals(labelOf(rs, HASH_LABEL)) || sameTemplate(rs.getSpec().getTemplate(), d.getSpec().getTemplate()))
                .findFirst().orElse(null);
        List<ReplicaSet> old = new ArrayList<>(owned);
        old.remove(newRs);
        long maxOldRevision = old.stream().mapToLong(DeploymentReconciler::revision).max().orElse(0);
        boolean created = false;
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            return updateStatus(d, newRs, owned, false);
        }
        if (newRs == null) {
            newRs = createReplicaSet(d, hash, maxOldRevision + 1);
            owned.add(newRs);
            created = true;
        } else if (revision(newRs) <= maxOldRevision) {
            // a rollback to an old template makes its ReplicaSet the newest revision again
            newRs = setRevision(newRs, maxOldRevision + 1);
        }
        syncDeploymentRevision(d, revision(newRs));
        Map<String, Integer> plan = ReplicaPlan.next(d, newRs, old);
        for (ReplicaSet rs : owned) {
            Integer target = plan.get(rs.getMetadata().getName());
            if (target != null && target != ReplicaPlan.specReplicas(rs)) {
                scale(d, rs, target);
            }
        }
        cleanUpHistory(d, old, plan);
        return updateStatus(d, newRs, owned, created);
    }

    private List<ReplicaSet> ownedReplicaSets(Deployment d) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : replicaSets.byIndex(Cache.NAMESPACE_INDEX, d.getMetadata().getNamespace())) {
            if (Owners.isControlledBy(rs, d)) {
                owned.add(rs);
            } else if (Owners.controllerOf(rs).isEmpty()
                    && LabelSelectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels())) {
                owned.add(client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(adopted(rs, d)).update());
            }
        }
        return owned;
    }

    private ReplicaSet adopted(ReplicaSet rs, Deployment d) {
        ReplicaSet copy = serialization.clone(rs);
        copy.getMetadata().getOwnerReferences().add(Owners.controllerReference(d));
        return copy;
    }

    /** Templates are equal apart from the hash label the controller adds (kube's EqualIgnoreHash). */
    private boolean sameTemplate(PodTemplateSpec a, PodTemplateSpec b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    private Object withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = serialization.clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            copy.getMetadata().getLabels().remove(HASH_LABEL);
            if (copy.getMetadata().getLabels().isEmpty()) {
                copy.getMetadata().setLabels(null);
            }
        }
        return serialization.convertValue(copy, Map.class);
    }

    private static String labelOf(ReplicaSet rs, String label) {
        return rs.getMetadata().getLabels() == null ? null : rs.getMetadata().getLabels().get(label);
    }

    private ReplicaSet createReplicaSet(Deployment d, String hash, long revision) {
        PodTemplateSpec template = serialization.clone(d.getSpec().getTemplate());
        Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
        labels.put(HASH_LABEL, hash);
        template.getMetadata().setLabels(labels);
        Map<String, String> annotations = new HashMap<>();
        annotations.put(REVISION, Long.toString(revision));
        annotations.put(DESIRED_REPLICAS, Integer.toString(ReplicaPlan.replicas(d)));
        annotations.put(MAX_REPLICAS, Integer.toString(ReplicaPlan.replicas(d) + ReplicaPlan.maxSurge(d)));
        ReplicaSet rs = new ReplicaSetBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(d.getMetadata().getName() + "-" + hash)
                        .withNamespace(d.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withAnnotations(annotations)
                        .withOwnerReferences(Owners.controllerReference(d))
                        .build())
                .withNewSpec()
                .withReplicas(0)
                .withMinReadySeconds(d.getSpec().getMinReadySeconds())
                .withSelector(new LabelSelectorBuilder(d.getSpec().getSelector()).addToMatchLabels(HASH_LABEL, hash).build())
                .withTemplate(template)
                .endSpec()
                .build();
        return client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).resource(rs).create();
    }

    static long revision(ReplicaSet rs) {
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private ReplicaSet setRevision(ReplicaSet rs, long revision) {
        ReplicaSet copy = serialization.clone(rs);
        copy.getMetadata().getAnnotations().put(REVISION, Long.toString(revision));
        return client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(copy).update();
    }

    private void syncDeploymentRevision(Deployment d, long revision) {
        Map<String, String> annotations = d.getMetadata().getAnnotations();
        if (annotations != null && Long.toString(revision).equals(annotations.get(REVISION))) {
            return;
        }
        Deployment copy = serialization.clone(d);
        if (copy.getMetadata().getAnnotations() == null) {
            copy.getMetadata().setAnnotations(new HashMap<>());
        }
        copy.getMetadata().getAnnotations().put(REVISION, Long.toString(revision));
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(copy).update();
    }

    private void scale(Deployment d, ReplicaSet rs, int replicas) {
        ReplicaSet copy = serialization.clone(rs);
        copy.getSpec().setReplicas(replicas);
        copy.getMetadata().getAnnotations().put(DESIRED_REPLICAS, Integer.toString(ReplicaPlan.replicas(d)));
        copy.getMetadata().getAnnotations().put(MAX_REPLICAS, Integer.toString(ReplicaPlan.replicas(d) + ReplicaPlan.maxSurge(d)));
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(copy).update();
        int from = ReplicaPlan.specReplicas(rs);
        events.normal(d, "ScalingReplicaSet", "Scaled " + (from < replicas ? "up" : "down") + " replica set "
                + rs.getMetadata().getName() + " from " + from + " to " + replicas);
    }

    /** Old ReplicaSets scaled to zero beyond revisionHistoryLimit go, oldest revision first. */
    private void cleanUpHistory(Deployment d, List<ReplicaSet> old, Map<String, Integer> plan) {
        int limit = Objects.requireNonNullElse(d.getSpec().getRevisionHistoryLimit(), 10);
        List<ReplicaSet> idle = old.stream()
                .filter(rs -> plan.getOrDefault(rs.getMetadata().getName(), 0) == 0 && ReplicaPlan.current(rs) == 0)
                .sorted(java.util.Comparator.comparingLong(DeploymentReconciler::revision))
                .toList();
        for (int i = 0; i < idle.size() - limit; i++) {
            ReplicaSet rs = idle.get(i);
            client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).delete();
        }
    }

    private Duration updateStatus(Deployment d, ReplicaSet newRs, List<ReplicaSet> owned, boolean created) {
        DeploymentStatusCalculator.Next next = status.next(d, newRs, owned, created);
        if (next.changed()) {
            Deployment copy = serialization.clone(d);
            copy.setStatus(next.status());
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
        return next.recheckAfter();
    }
}
