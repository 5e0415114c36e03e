package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.jk8s.component.events.EventRecorder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events kubelet records about its Node, which {@code kubectl describe node} lists: "Starting
 * kubelet.", the allocatable enforcement, and each condition's transition ("Node x status is now:
 * NodeReady"). As kubelet does, they refer to the node by a reference whose uid is the node's name.
 */
public final class NodeEvents {

    /** For nodes that record nothing, such as simulated ones (a thousand of them would flood the events). */
    public static final NodeEvents NONE = new NodeEvents(null, "");

    /** Condition type → the event reason for status False and for status True (kubelet's nodestatus setters). */
    private static final Map<String, List<String>> REASONS = Map.of(
            "MemoryPressure", List.of("NodeHasSufficientMemory", "NodeHasInsufficientMemory"),
            "DiskPressure", List.of("NodeHasNoDiskPressure", "NodeHasDiskPressure"),
            "PIDPressure", List.of("NodeHasSufficientPID", "NodeHasInsufficientPID"),
            "Ready", List.of("NodeNotReady", "NodeReady"));

    private final EventRecorder recorder;
    private final Node reference;

    NodeEvents(EventRecorder recorder, String nodeName) {
        this.recorder = recorder;
        this.reference = new NodeBuilder().withNewMetadata().withName(nodeName).withUid(nodeName).endMetadata().build();
    }

    void starting() {
        if (recorder != null) {
            recorder.normal(reference, "Starting", "Starting kubelet.");
            recorder.normal(reference, "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
        }
    }

    /** One event per condition whose status is not what the Node showed before ({@code before} null: a new node). */
    void conditionsChanged(List<NodeCondition> before, List<NodeCondition> after) {
        if (recorder == null) {
            return;
        }
        for (NodeCondition condition : after) {
            String previous = before == null ? null : before.stream().filter(c -> c.getType().equals(condition.getType()))
                    .map(NodeCondition::getStatus).findFirst().orElse(null);
            List<String> reasons = REASONS.get(condition.getType());
            if (reasons == null || Objects.equals(previous, condition.getStatus()) || "Unknown".equals(condition.getStatus())) {
                continue;
            }
            String reason = reasons.get("True".equals(condition.getStatus()) ? 1 : 0);
            recorder.normal(reference, reason, "Node " + reference.getMetadata().getName() + " status is now: " + reason);
        }
    }
}
