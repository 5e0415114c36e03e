package io.jk8s.reconcilers.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FailedScheduling wording users read in {@code kubectl describe pod}, as kube-scheduler 1.32 writes it. */
class FailedSchedulingMessageTest {

    @Test
    void reasonsAreSortedAsCountedStringsAndPreemptionIsExplained() {
        assertEquals("0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient cpu. "
                        + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                        + "2 No preemption victims found for incoming pod.",
                Scheduler.failureMessage(3, Map.of("Insufficient cpu", 2, "node(s) had untolerated taint {node.kubernetes.io/unreachable: }", 1)));
    }

    @Test
    void noNodesAtAll() {
        assertEquals("no nodes available to schedule pods", Scheduler.failureMessage(0, Map.of()));
    }
}
