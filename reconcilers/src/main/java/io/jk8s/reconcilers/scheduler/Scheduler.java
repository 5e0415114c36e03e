package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Binds pending pods of the default scheduler to nodes through {@code pods/binding}: filter the
 * nodes ({@link NodeFit}), score the rest (least allocated, then fewest pods of the same owner,
 * spreading replicas), bind the best. A pod that fits nowhere gets {@code PodScheduled=False}
 * with kube's "0/N nodes are available: ..." message and is retried.
 */
public final class Scheduler implements Reconciler {

    static final String DEFAULT_SCHEDULER = "default-scheduler";
    /**
     * The longest an unschedulable pod waits without a cluster event that may help it
     * (kube-scheduler's podMaxInUnschedulablePodsDuration); events requeue it sooner.
     */
    static final Duration RETRY_UNSCHEDULABLE = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final Clock clock;
    private final EventRecorder events;
    /** What each node has taken; also the lock of the scheduling cycle. */
    private final SchedulerCache cache = new SchedulerCache();
    private final ExecutorService binder = Executors.newFixedThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "scheduler-binder");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Consumer<String> bindingFailed = key -> {};
    /** Where the next cycle starts looking, so the nodes searched rotate (schedule_one.go, nextStartNodeIndex). */
    private int nextStartNodeIndex;

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

    /** The informer's view of a pod changed: keep the cache's sums in step. */
    void observed(Pod pod) {
        synchronized (cache) {
            cache.observed(pod);
        }
    }

    void observedDeleted(Pod pod) {
        synchronized (cache) {
            cache.deleted(pod);
        }
    }

    /** Where a failed binding's pod key goes to be scheduled again. */
    void onBindingFailure(Consumer<String> retry) {
        this.bindingFailed = retry;
    }

    /**
     * The scheduling cycle runs one pod at a time, so that each decision sees the ones before it
     * (assumed); the binding cycle runs beside it, as kube-scheduler binds asynchronously.
     */
    @Override
    public Duration reconcile(String key) {
        Pod pod = pods.getByKey(key);
        if (pod == null || !isPending(pod)) {
            return null;
        }
        Map<String, Integer> reasons = new TreeMap<>();
        Node best = null;
        int nodeCount;
        synchronized (cache) {
            if (cache.isAssumed(pod)) {
                return null;
            }
            List<NodeInfo> snapshot = cache.nodes(nodes.list());
            nodeCount = snapshot.size();
            PodRequests wanted = cache.requests(pod);
            double bestScore = Double.NEGATIVE_INFINITY;
            int enough = numFeasibleNodesToFind(nodeCount);
            int feasible = 0;
            int processed = 0;
            while (processed < nodeCount && feasible < enough) {
                NodeInfo info = snapshot.get((nextStartNodeIndex + processed++) % nodeCount);
                String misfit = NodeFit.check(pod, wanted, info);
                if (misfit != null) {
                    reasons.merge(misfit, 1, Integer::sum);
                    continue;
                }
                feasible++;
                double score = score(wanted, info);
                if (score > bestScore) {
                    best = info.node;
                    bestScore = score;
                }
            }
            nextStartNodeIndex = nodeCount == 0 ? 0 : (nextStartNodeIndex + processed) % nodeCount;
            if (best != null) {
                cache.assume(pod, best.getMetadata().getName());
            }
        }
        if (best == null) {
            markUnschedulable(pod, nodeCount, reasons);
            return RETRY_UNSCHEDULABLE;
        }
        String node = best.getMetadata().getName();
        binder.execute(() -> {
            try {
                bind(pod, node);
            } catch (RuntimeException e) {
                bindingFailed.accept(key);
            }
        });
        return null;
    }

    /**
     * How many feasible nodes are enough to pick from: all below 100 nodes, else kube-scheduler's
     * adaptive percentageOfNodesToScore (50% minus 1% per 125 nodes, at least 5% and 100 nodes).
     */
    static int numFeasibleNodesToFind(int nodes) {
        if (nodes < 100) {
            return nodes;
        }
        int percentage = Math.max(5, 50 - nodes / 125);
        return Math.max(100, nodes * percentage / 100);
    }

    /** Least allocated (cpu and memory, 0..2), minus one per pod of the same owner already there. */
    private static double score(PodRequests pod, NodeInfo info) {
        double free = 0;
        if (info.allocatableCpuMillis > 0) {
            free += 1 - (double) (info.requestedCpuMillis + pod.cpuMillis()) / info.allocatableCpuMillis;
        }
        if (info.allocatableMemoryBytes > 0) {
            free += 1 - (double) (info.requestedMemoryBytes + pod.memoryBytes()) / info.allocatableMemoryBytes;
        }
        int siblings = pod.ownerUid() == null ? 0 : info.podsByOwner.getOrDefault(pod.ownerUid(), 0);
        return free - siblings - info.pods * 1e-6;
    }

    private void bind(Pod pod, String node) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        try {
            client.raw(client.getMasterUrl() + "api/v1/namespaces/" + namespace + "/pods/" + name + "/binding", "POST",
                    new BindingBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(pod.getMetadata().getUid())
                            .endMetadata().withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget().build());
        } catch (RuntimeException e) {
            synchronized (cache) {
                cache.forget(pod);
            }
            throw e;
        }
        events.normal(pod, "Scheduled", "Successfully assigned " + namespace + "/" + name + " to " + node);
    }

    private void markUnschedulable(Pod pod, int nodeCount, Map<String, Integer> reasons) {
        String message = failureMessage(nodeCount, reasons);
        events.warning(pod, "FailedScheduling", message);
        PodCondition current = pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
                : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
        if (current != null && "False".equals(current.getStatus()) && message.equals(current.getMessage())) {
            return;
        }
        Pod copy = client.getKubernetesSerialization().clone(pod);
        List<PodCondition> conditions = new ArrayList<>(copy.getStatus().getConditions() == null ? List.of() : copy.getStatus().getConditions());
        conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
        conditions.add(new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage(message).withLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()).build());
        copy.getStatus().setConditions(conditions);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).updateStatus();
    }

    /**
     * kube-scheduler's FitError wording (or its ErrNoNodesAvailable when there is no node at all):
     * the filters' reasons, then what the preemption post-filter found. Every pod here has the same
     * priority, so preemption finds no victims where it could help at all.
     */
    static String failureMessage(int nodeCount, Map<String, Integer> reasons) {
        if (nodeCount == 0) {
            return "no nodes available to schedule pods";
        }
        Map<String, Integer> preemption = new TreeMap<>();
        reasons.forEach((reason, count) -> preemption.merge(NodeFit.preemptionMayHelp(reason)
                ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling", count, Integer::sum));
        return "0/" + nodeCount + " nodes are available: " + histogram(reasons)
                + " preemption: 0/" + nodeCount + " nodes are available: " + histogram(preemption);
    }

    /** "count reason" entries sorted as strings, as kube sorts them (so "1 x" precedes "2 a"). */
    private static String histogram(Map<String, Integer> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count + " " + reason));
        java.util.Collections.sort(parts);
        return String.join(", ", parts) + ".";
    }
}
