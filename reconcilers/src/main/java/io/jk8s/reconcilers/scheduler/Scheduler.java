package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.EventRecorder;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.Reconciler;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds pending pods of the default scheduler to nodes through {@code pods/binding}: filter the
 * nodes ({@link NodeFit}), score the rest (least allocated, then fewest pods of the same owner,
 * spreading replicas), bind the best. A pod that fits nowhere gets {@code PodScheduled=False}
 * with kube's "0/N nodes are available: ..." message and is retried.
 */
public final class Scheduler implements Reconciler {

    static final String DEFAULT_SCHEDULER = "default-scheduler";
    private static final Duration RETRY_UNSCHEDULABLE = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final Clock clock;
    private final EventRecorder events;
    /** Pods bound but not yet seen bound by the informer (kube's "assumed" pods), by uid → node. */
    private final Map<String, String> assumed = new ConcurrentHashMap<>();

    public Scheduler(KubernetesClient client, Indexer<Pod> pods, Indexer<Node> nodes, EventRecorder events, Clock clock) {
        this.client = client;
        this.pods = pods;
        this.nodes = nodes;
        this.clock = clock;
        this.events = events;
    }

    static boolean isPending(Pod pod) {
        String scheduler = Objects.requireNonNullElse(pod.getSpec().getSchedulerName(), DEFAULT_SCHEDULER);
        return DEFAULT_SCHEDULER.equals(scheduler) && (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty())
                && PodConditions.isActive(pod);
    }

    /** The informer now shows the binding: stop counting the pod as assumed. */
    void observedBound(Pod pod) {
        assumed.remove(pod.getMetadata().getUid());
    }

    @Override
    public Duration reconcile(String key) {
        Pod pod = pods.getByKey(key);
        if (pod == null || !isPending(pod) || assumed.containsKey(pod.getMetadata().getUid())) {
            return null;
        }
        Map<String, List<Pod>> podsByNode = podsByNode();
        List<Node> all = nodes.list();
        Map<String, Integer> reasons = new TreeMap<>();
        Node best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Node node : all) {
            List<Pod> onNode = podsByNode.getOrDefault(node.getMetadata().getName(), List.of());
            String misfit = NodeFit.check(pod, node, onNode);
            if (misfit != null) {
                reasons.merge(misfit, 1, Integer::sum);
                continue;
            }
            double score = score(pod, node, onNode);
            if (score > bestScore) {
                best = node;
                bestScore = score;
            }
        }
        if (best == null) {
            markUnschedulable(pod, all.size(), reasons);
            return RETRY_UNSCHEDULABLE;
        }
        bind(pod, best.getMetadata().getName());
        return null;
    }

    private Map<String, List<Pod>> podsByNode() {
        Map<String, List<Pod>> byNode = new HashMap<>();
        Map<String, Pod> byUid = new HashMap<>();
        for (Pod p : pods.list()) {
            byUid.put(p.getMetadata().getUid(), p);
            if (p.getSpec().getNodeName() != null && PodConditions.isActive(p)) {
                byNode.computeIfAbsent(p.getSpec().getNodeName(), n -> new ArrayList<>()).add(p);
            }
        }
        assumed.forEach((uid, node) -> {
            Pod p = byUid.get(uid);
            if (p != null && p.getSpec().getNodeName() == null) {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(p);
            }
        });
        return byNode;
    }

    /** Least allocated (cpu and memory, 0..2), minus one per pod of the same owner already there. */
    private static double score(Pod pod, Node node, List<Pod> onNode) {
        double free = 0;
        Map<String, Quantity> allocatable = Objects.requireNonNullElse(node.getStatus().getAllocatable(), Map.of());
        for (String resource : List.of("cpu", "memory")) {
            Quantity capacity = allocatable.get(resource);
            if (capacity == null) {
                continue;
            }
            BigDecimal total = Quantity.getAmountInBytes(capacity);
            if (total.signum() == 0) {
                continue;
            }
            BigDecimal used = onNode.stream().map(p -> NodeFit.request(p, resource)).reduce(NodeFit.request(pod, resource), BigDecimal::add);
            free += BigDecimal.ONE.subtract(used.divide(total, MathContext.DECIMAL64)).doubleValue();
        }
        String owner = Owners.controllerOf(pod).map(ref -> ref.getUid()).orElse(null);
        long siblings = owner == null ? 0 : onNode.stream()
                .filter(p -> Owners.controllerOf(p).map(ref -> ref.getUid().equals(owner)).orElse(false)).count();
        return free - siblings - onNode.size() * 1e-6;
    }

    private void bind(Pod pod, String node) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        assumed.put(pod.getMetadata().getUid(), node);
        try {
            client.raw(client.getMasterUrl() + "api/v1/namespaces/" + namespace + "/pods/" + name + "/binding", "POST",
                    new BindingBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(pod.getMetadata().getUid())
                            .endMetadata().withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget().build());
        } catch (RuntimeException e) {
            assumed.remove(pod.getMetadata().getUid());
            throw e;
        }
        events.normal(pod, "Scheduled", "Successfully assigned " + namespace + "/" + name + " to " + node);
    }

    private void markUnschedulable(Pod pod, int nodeCount, Map<String, Integer> reasons) {
        StringBuilder message = new StringBuilder("0/").append(nodeCount).append(" nodes are available");
        if (reasons.isEmpty()) {
            message.append(".");
        } else {
            message.append(": ");
            List<String> parts = new ArrayList<>();
            reasons.forEach((reason, count) -> parts.add(count + " " + reason));
            message.append(String.join(", ", parts)).append(".");
        }
        events.warning(pod, "FailedScheduling", message.toString());
        PodCondition current = pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
                : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
        if (current != null && "False".equals(current.getStatus()) && message.toString().equals(current.getMessage())) {
            return;
        }
        Pod copy = client.getKubernetesSerialization().clone(pod);
        List<PodCondition> conditions = new ArrayList<>(copy.getStatus().getConditions() == null ? List.of() : copy.getStatus().getConditions());
        conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
        conditions.add(new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage(message.toString()).withLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()).build());
        copy.getStatus().setConditions(conditions);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).updateStatus();
    }
}
