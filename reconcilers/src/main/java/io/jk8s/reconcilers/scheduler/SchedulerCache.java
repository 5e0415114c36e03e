package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.reconcilers.framework.PodConditions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-scheduler's cache: what every node has taken, kept as running sums that pod events and
 * the scheduler's own assumptions update, so a scheduling decision costs one pass over the nodes
 * rather than one over every pod. Pods are counted where they are bound, or where the scheduler
 * assumed them until the binding shows. Callers synchronize on the cache.
 */
final class SchedulerCache {

    private record Placement(String node, PodRequests requests, boolean assumed) {}

    private final Map<String, NodeInfo> nodes = new HashMap<>();
    /** The listed nodes in name order; rebuilt only when the set of nodes changes, not every cycle. */
    private List<NodeInfo> snapshot = List.of();
    private final Map<String, Placement> placements = new HashMap<>();
    private final Map<String, PodRequests> requests = new HashMap<>();

    /** The nodes as they are now, in name order, with their sums. */
    List<NodeInfo> nodes(List<Node> current) {
        boolean sameSet = current.size() == snapshot.size();
        for (Node node : current) {
            NodeInfo info = infoOf(node.getMetadata().getName());
            sameSet &= info.listed;
            info.setNode(node);
        }
        if (!sameSet) {
            snapshot.forEach(info -> info.listed = false);
            List<NodeInfo> listed = new ArrayList<>();
            for (Node node : current) {
                NodeInfo info = nodes.get(node.getMetadata().getName());
                info.listed = true;
                listed.add(info);
            }
            listed.sort(Comparator.comparing(info -> info.node.getMetadata().getName()));
            snapshot = List.copyOf(listed);
        }
        return snapshot;
    }

    PodRequests requests(Pod pod) {
        return requests.computeIfAbsent(pod.getMetadata().getUid(), uid -> PodRequests.of(pod));
    }

    boolean isAssumed(Pod pod) {
        Placement placement = placements.get(pod.getMetadata().getUid());
        return placement != null && placement.assumed();
    }

    void assume(Pod pod, String node) {
        place(pod, node, true);
    }

    /** A pod as the informer shows it now: counted on its node while it is bound and active. */
    void observed(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String node = pod.getSpec().getNodeName();
        if (node != null && !node.isEmpty() && PodConditions.isActive(pod)) {
            Placement placement = placements.get(uid);
            if (placement == null || placement.assumed() || !placement.node().equals(node)) {
                place(pod, node, false);
            }
        } else if (!PodConditions.isActive(pod)) {
            forget(pod);
            requests.remove(uid);
        }
    }

    /** The pod no longer takes room where it was counted: finished, or its assumed binding failed. */
    void forget(Pod pod) {
        Placement placement = placements.remove(pod.getMetadata().getUid());
        if (placement != null) {
            infoOf(placement.node()).remove(placement.requests());
        }
    }

    /** The pod is gone from the API. */
    void deleted(Pod pod) {
        forget(pod);
        requests.remove(pod.getMetadata().getUid());
    }

    private void place(Pod pod, String node, boolean assumed) {
        PodRequests podRequests = requests(pod);
        Placement previous = placements.put(pod.getMetadata().getUid(), new Placement(node, podRequests, assumed));
        if (previous != null) {
            infoOf(previous.node()).remove(previous.requests());
        }
        infoOf(node).add(podRequests);
    }

    private NodeInfo infoOf(String node) {
        return nodes.computeIfAbsent(node, n -> new NodeInfo());
    }
}
