package io.jk8s.reconcilers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * kube's node lifecycle controller for one node: a node whose Lease has not been renewed for the
 * grace period gets its conditions set to Unknown ("Kubelet stopped posting node status.") and the
 * {@code node.kubernetes.io/unreachable} NoSchedule and NoExecute taints; its pods are deleted
 * once their toleration of that taint runs out, so their controllers replace them elsewhere. A
 * node that reports Ready again loses the taints.
 */
public final class NodeLifecycleReconciler implements Reconciler {

    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    private static final String LEASE_NAMESPACE = "kube-node-lease";

    private final KubernetesClient client;
    private final Indexer<Node> nodes;
    private final Indexer<Lease> leases;
    private final Indexer<Pod> pods;
    private final Duration gracePeriod;
    private final Clock clock;

    public NodeLifecycleReconciler(KubernetesClient client, Indexer<Node> nodes, Indexer<Lease> leases, Indexer<Pod> pods,
            Duration gracePeriod, Clock clock) {
        this.client = client;
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.gracePeriod = gracePeriod;
        this.clock = clock;
    }

    @Override
    public Duration reconcile(String name) {
        Node node = nodes.getByKey(name);
        if (node == null) {
            return null;
        }
        Instant now = clock.instant();
        Lease lease = leases.getByKey(LEASE_NAMESPACE + "/" + name);
        Instant renewed = lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null
                ? null : lease.getSpec().getRenewTime().toInstant();
        boolean silent = renewed != null && renewed.plus(gracePeriod).isBefore(now);
        if (silent) {
            markUnknown(node, now);
            Duration next = evictPods(node, now);
            return next == null ? gracePeriod : next;
        }
        if (isReady(node) && hasUnreachableTaint(node)) {
            List<Taint> kept = new ArrayList<>(node.getSpec().getTaints());
            kept.removeIf(t -> UNREACHABLE.equals(t.getKey()));
            Node copy = client.getKubernetesSerialization().clone(node);
            copy.getSpec().setTaints(kept);
            client.nodes().resource(copy).update();
        }
        // look again when the lease would expire if it is not renewed before then
        return renewed == null ? gracePeriod : Duration.between(now, renewed.plus(gracePeriod)).plusSeconds(1);
    }

    private void markUnknown(Node node, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        boolean changed = false;
        List<NodeCondition> conditions = new ArrayList<>();
        for (NodeCondition c : Objects.requireNonNullElse(node.getStatus().getConditions(), List.<NodeCondition>of())) {
            if (!"Unknown".equals(c.getStatus())) {
                changed = true;
                conditions.add(new NodeConditionBuilder(c).withStatus("Unknown").withReason("NodeStatusUnknown")
                        .withMessage("Kubelet stopped posting node status.").withLastTransitionTime(time).build());
            } else {
                conditions.add(c);
            }
        }
        if (changed) {
            Node copy = client.getKubernetesSerialization().clone(node);
            copy.getStatus().setConditions(conditions);
            node = client.nodes().resource(copy).updateStatus();
        }
        if (!hasUnreachableTaint(node)) {
            Node copy = client.getKubernetesSerialization().clone(node);
            if (copy.getSpec() == null) {
                copy.setSpec(new NodeSpec());
            }
            List<Taint> taints = new ArrayList<>(Objects.requireNonNullElse(copy.getSpec().getTaints(), List.of()));
            taints.add(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoSchedule").build());
            taints.add(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoExecute").withTimeAdded(time).build());
            copy.getSpec().setTaints(taints);
            client.nodes().resource(copy).update();
        }
    }

    /** Deletes pods whose toleration of the NoExecute taint has run out; returns when to check again. */
    private Duration evictPods(Node node, Instant now) {
        Instant tainted = node.getSpec() == null || node.getSpec().getTaints() == null ? now : node.getSpec().getTaints().stream()
                .filter(t -> UNREACHABLE.equals(t.getKey()) && "NoExecute".equals(t.getEffect()) && t.getTimeAdded() != null)
                .map(t -> Instant.parse(t.getTimeAdded())).findFirst().orElse(now);
        Duration next = null;
        for (Pod pod : pods.list()) {
            if (!node.getMetadata().getName().equals(pod.getSpec().getNodeName()) || !PodConditions.isActive(pod)) {
                continue;
            }
            Long tolerated = toleratedSeconds(pod);
            if (tolerated == null) {
                continue; // tolerates the taint forever
            }
            Instant deadline = tainted.plusSeconds(tolerated);
            if (!deadline.isAfter(now)) {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            } else {
                Duration wait = Duration.between(now, deadline);
                next = next == null || wait.compareTo(next) < 0 ? wait : next;
            }
        }
        return next;
    }

    /** Seconds the pod tolerates the unreachable NoExecute taint: 0 without a toleration, null for ever. */
    private static Long toleratedSeconds(Pod pod) {
        for (Toleration t : Objects.requireNonNullElse(pod.getSpec().getTolerations(), List.<Toleration>of())) {
            boolean key = t.getKey() == null || t.getKey().isEmpty() ? "Exists".equals(t.getOperator()) : UNREACHABLE.equals(t.getKey());
            boolean effect = t.getEffect() == null || t.getEffect().isEmpty() || "NoExecute".equals(t.getEffect());
            if (key && effect) {
                return t.getTolerationSeconds();
            }
        }
        return 0L;
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean hasUnreachableTaint(Node node) {
        return node.getSpec() != null && node.getSpec().getTaints() != null
                && node.getSpec().getTaints().stream().anyMatch(t -> UNREACHABLE.equals(t.getKey()));
    }
}
