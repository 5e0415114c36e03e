package io.jk8s.reconcilers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.PodClaims;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.Reconciler;
import io.jk8s.reconcilers.history.ControllerRevisions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Keeps a StatefulSet's ordinal pods (kube's stateful_set_control.go): the template's revision
 * recorded as a ControllerRevision; missing pods created lowest ordinal first, surplus ones deleted
 * highest first, one at a time and only while all others are Running and Ready under
 * OrderedReady, all at once under Parallel; then, under RollingUpdate, pods at ordinals at or
 * above the partition replaced highest first, one at a time; status through /status.
 */
public final class StatefulSetReconciler implements Reconciler {

    private final KubernetesClient client;
    private final Indexer<StatefulSet> sets;
    private final PodClaims claims;
    private final ControllerRevisions history;
    private final StatefulPodControl podControl;
    private final Clock clock;

    StatefulSetReconciler(KubernetesClient client, Indexer<StatefulSet> sets, PodClaims claims, ControllerRevisions history,
            StatefulPodControl podControl, Clock clock) {
        this.client = client;
        this.sets = sets;
        this.claims = claims;
        this.history = history;
        this.podControl = podControl;
        this.clock = clock;
    }

    /** One sync's view: the revisions, and the pods by slot. */
    private record View(ControllerRevision current, ControllerRevision update, int collisionCount,
            PodTemplateSpec currentTemplate, PodTemplateSpec updateTemplate, Pod[] replicas, List<Pod> condemned) {}

    @Override
    public Duration reconcile(String key) {
        StatefulSet set = sets.getByKey(key);
        if (set == null) {
            return null;
        }
        List<ControllerRevision> revisions = history.claim(set, set.getSpec().getSelector());
        int collisions = set.getStatus() == null ? 0 : Objects.requireNonNullElse(set.getStatus().getCollisionCount(), 0);
        ControllerRevisions.Created update = history.ensure(set, set.getSpec().getTemplate(), revisions, collisions);
        String currentName = set.getStatus() == null ? null : set.getStatus().getCurrentRevision();
        ControllerRevision current = revisions.stream().filter(r -> r.getMetadata().getName().equals(currentName)).findFirst()
                .orElse(update.revision());
        List<Pod> pods = claims.claim(set, set.getSpec().getSelector(), pod -> StatefulPods.ordinal(set, pod) >= 0);
        View view = view(set, pods, current, update.revision(), update.collisionCount());
        if (set.getMetadata().getDeletionTimestamp() == null) {
            sync(set, view);
        }
        Duration again = updateStatus(set, view);
        List<ControllerRevision> all = new ArrayList<>(revisions);
        if (all.stream().noneMatch(r -> r.getMetadata().getName().equals(update.revision().getMetadata().getName()))) {
            all.add(update.revision());
        }
        history.truncate(all, r -> r.getMetadata().getName().equals(current.getMetadata().getName())
                || r.getMetadata().getName().equals(update.revision().getMetadata().getName())
                || pods.stream().anyMatch(p -> r.getMetadata().getName().equals(StatefulPods.revision(p))),
                Objects.requireNonNullElse(set.getSpec().getRevisionHistoryLimit(), 10));
        return again;
    }

    private View view(StatefulSet set, List<Pod> pods, ControllerRevision current, ControllerRevision update, int collisions) {
        int start = StatefulPods.start(set);
        int replicas = Objects.requireNonNullElse(set.getSpec().getReplicas(), 1);
        Pod[] slots = new Pod[replicas];
        List<Pod> condemned = new ArrayList<>();
        for (Pod pod : pods) {
            int ordinal = StatefulPods.ordinal(set, pod);
            if (ordinal >= start && ordinal < start + replicas) {
                slots[ordinal - start] = pod;
            } else {
                condemned.add(pod);
            }
        }
        condemned.sort(Comparator.comparingInt(p -> StatefulPods.ordinal(set, p)));
        PodTemplateSpec updateTemplate = history.template(update);
        PodTemplateSpec currentTemplate = current == update ? updateTemplate : history.template(current);
        return new View(current, update, collisions, currentTemplate, updateTemplate, slots, condemned);
    }

    private void sync(StatefulSet set, View view) {
        boolean ordered = !"Parallel".equals(set.getSpec().getPodManagementPolicy());
        int start = StatefulPods.start(set);
        Pod[] replicas = view.replicas();
        for (int i = 0; i < replicas.length; i++) {
            Pod pod = replicas[i];
            if (pod != null && PodConditions.isFinished(pod)) {
                // a pod that ran out is replaced once it is gone
                if (!PodConditions.isTerminating(pod)) {
                    podControl.delete(set, pod);
                }
                if (ordered) {
                    return;
                }
                continue;
            }
            if (pod == null) {
                podControl.create(set, versionedPod(set, view, start + i), start + i);
                if (ordered) {
                    return;
                }
                continue;
            }
            if (ordered && (PodConditions.isTerminating(pod) || !available(set, pod))) {
                return; // OrderedReady: the next one waits for this one
            }
        }
        Pod firstUnhealthy = null;
        List<Pod> all = new ArrayList<>();
        for (Pod pod : replicas) {
            if (pod != null) {
                all.add(pod);
            }
        }
        all.addAll(view.condemned());
        for (Pod pod : all) {
            if (!healthy(pod)) {
                firstUnhealthy = pod;
                break;
            }
        }
        List<Pod> condemned = view.condemned();
        for (int i = condemned.size() - 1; i >= 0; i--) {
            Pod pod = condemned.get(i);
            if (PodConditions.isTerminating(pod)) {
                if (ordered) {
                    return;
                }
                continue;
            }
            if (ordered && !PodConditions.isRunningAndReady(pod) && pod != firstUnhealthy) {
                return;
            }
            podControl.delete(set, pod);
            if (ordered) {
                return;
            }
        }
        if (!"RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType())) {
            return; // OnDelete: a pod takes the new template when the user deletes it
        }
        int partition = partition(set);
        for (int i = replicas.length - 1; i >= partition; i--) {
            Pod pod = replicas[i];
            if (pod == null) {
                return;
            }
            if (!view.update().getMetadata().getName().equals(StatefulPods.revision(pod)) && !PodConditions.isTerminating(pod)) {
                podControl.delete(set, pod);
                return;
            }
            if (!healthy(pod)) {
                return;
            }
        }
    }

    /** newVersionedStatefulSetPod: ordinals below the partition keep the current revision. */
    private Pod versionedPod(StatefulSet set, View view, int ordinal) {
        boolean keepCurrent = "RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType())
                && ordinal < StatefulPods.start(set) + partition(set);
        ControllerRevision revision = keepCurrent ? view.current() : view.update();
        PodTemplateSpec template = keepCurrent ? view.currentTemplate() : view.updateTemplate();
        return StatefulPods.newPod(set, template, revision.getMetadata().getName(), ordinal, client.getKubernetesSerialization());
    }

    private static int partition(StatefulSet set) {
        var rolling = set.getSpec().getUpdateStrategy().getRollingUpdate();
        return rolling == null ? 0 : Objects.requireNonNullElse(rolling.getPartition(), 0);
    }

    private static boolean healthy(Pod pod) {
        return PodConditions.isRunningAndReady(pod) && !PodConditions.isTerminating(pod);
    }

    private boolean available(StatefulSet set, Pod pod) {
        return PodConditions.isRunningAndReady(pod)
                && PodConditions.isAvailable(pod, Objects.requireNonNullElse(set.getSpec().getMinReadySeconds(), 0), clock.instant());
    }

    private Duration updateStatus(StatefulSet set, View view) {
        Instant now = clock.instant();
        int minReadySeconds = Objects.requireNonNullElse(set.getSpec().getMinReadySeconds(), 0);
        String currentName = view.current().getMetadata().getName();
        String updateName = view.update().getMetadata().getName();
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        List<Pod> all = new ArrayList<>(view.condemned());
        for (Pod pod : view.replicas()) {
            if (pod != null) {
                all.add(pod);
            }
        }
        for (Pod pod : all) {
            replicas++;
            if (PodConditions.isRunningAndReady(pod)) {
                ready++;
                if (PodConditions.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
            if (!PodConditions.isTerminating(pod)) {
                current += currentName.equals(StatefulPods.revision(pod)) ? 1 : 0;
                updated += updateName.equals(StatefulPods.revision(pod)) ? 1 : 0;
            }
        }
        if ("RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType()) && updated == replicas && ready == replicas) {
            // completeRollingUpdate: the update revision is now the current one
            current = updated;
            currentName = updateName;
        }
        StatefulSetStatus old = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
        StatefulSetStatus status = new StatefulSetStatusBuilder(old)
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withCurrentReplicas(current)
                .withUpdatedReplicas(updated)
                .withCurrentRevision(currentName)
                .withUpdateRevision(updateName)
                .withCollisionCount(view.collisionCount())
                .build();
        if (!status.equals(old)) {
            StatefulSet copy = client.getKubernetesSerialization().clone(set);
            copy.setStatus(status);
            client.apps().statefulSets().inNamespace(set.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
        return ready > available && minReadySeconds > 0 ? Duration.ofSeconds(minReadySeconds) : null;
    }
}
