package io.jk8s.reconcilers.replicaset;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Expectations;
import io.jk8s.reconcilers.framework.PodControl;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.PodClaims;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.Reconciler;
import io.jk8s.reconcilers.framework.SlowStart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps {@code spec.replicas} pods running for each ReplicaSet (kube's replica_set.go): adopts
 * matching orphans, releases owned pods that no longer match, creates from the template in
 * slow-start batches, deletes the least useful pods first, and reports status through /status.
 */
public final class ReplicaSetReconciler implements Reconciler {

    private final KubernetesClient client;
    private final Indexer<ReplicaSet> replicaSets;
    private final Expectations expectations;
    private final Clock clock;
    private final PodClaims claims;
    private final PodControl podControl;

    public ReplicaSetReconciler(KubernetesClient client, Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods,
            Expectations expectations, EventRecorder events, Clock clock) {
        this.client = client;
        this.replicaSets = replicaSets;
        this.expectations = expectations;
        this.clock = clock;
        this.claims = new PodClaims(client, pods);
        this.podControl = new PodControl(client, events);
    }

    @Override
    public Duration reconcile(String key) {
        ReplicaSet rs = replicaSets.getByKey(key);
        if (rs == null) {
            expectations.forget(key);
            return null;
        }
        List<Pod> owned = claims.claim(rs, rs.getSpec().getSelector(), PodConditions::isActive);
        if (rs.getMetadata().getDeletionTimestamp() == null && expectations.satisfied(key)) {
            manageReplicas(key, rs, owned);
        }
        return updateStatus(rs, owned);
    }

    private void manageReplicas(String key, ReplicaSet rs, List<Pod> owned) {
        int want = Objects.requireNonNullElse(rs.getSpec().getReplicas(), 1);
        int diff = owned.size() - want;
        if (diff < 0) {
            int missing = -diff;
            expectations.expect(key, missing, 0);
            SlowStart.Outcome outcome = SlowStart.run(missing, i -> createPod(rs));
            // creations that failed or were never attempted will never be observed
            for (int i = outcome.created(); i < missing; i++) {
                expectations.creationObserved(key);
            }
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
        } else if (diff > 0) {
            List<Pod> victims = new ArrayList<>(owned);
            victims.sort(DeletionRank.ORDER);
            victims = victims.subList(0, diff);
            expectations.expect(key, 0, diff);
            for (Pod victim : victims) {
                try {
                    if (!podControl.delete(rs, victim)) {
                        expectations.deletionObserved(key);
                    }
                } catch (KubernetesClientException e) {
                    expectations.deletionObserved(key);
                    throw e;
                }
            }
        }
    }

    private void createPod(ReplicaSet rs) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
        Pod pod = new PodBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withGenerateName(rs.getMetadata().getName() + "-")
                        .withNamespace(rs.getMetadata().getNamespace())
                        .withLabels(copy(template.getMetadata() == null ? null : template.getMetadata().getLabels()))
                        .withAnnotations(copy(template.getMetadata() == null ? null : template.getMetadata().getAnnotations()))
                        .withOwnerReferences(Owners.controllerReference(rs))
                        .build())
                .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                .build();
        podControl.create(rs, pod);
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? null : new HashMap<>(map);
    }

    /** @return when to look again: pods that are ready but not yet available become so later */
    private Duration updateStatus(ReplicaSet rs, List<Pod> owned) {
        Instant now = clock.instant();
        int minReadySeconds = Objects.requireNonNullElse(rs.getSpec().getMinReadySeconds(), 0);
        Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null
                ? Map.of() : Objects.requireNonNullElse(rs.getSpec().getTemplate().getMetadata().getLabels(), Map.of());
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : owned) {
            Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (PodConditions.isReady(pod)) {
                ready++;
                if (PodConditions.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        ReplicaSetStatus old = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
        ReplicaSetStatus status = new ReplicaSetStatusBuilder(old)
                .withReplicas(owned.size())
                .withFullyLabeledReplicas(fullyLabeled)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .build();
        if (!status.equals(old)) {
            ReplicaSet copy = client.getKubernetesSerialization().clone(rs);
            copy.setStatus(status);
            client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
        return ready > available && minReadySeconds > 0 ? Duration.ofSeconds(minReadySeconds) : null;
    }
}
