package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.SimulatedCluster;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl debug} on a simulated node: the debug container is reported in
 * ephemeralContainerStatuses as a kubelet would (running, then, like any container that is not
 * restarted, completed), never ready, and the pod itself keeps running.
 */
class EphemeralContainersOnSimulatedNodesTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(1);

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void aDebugContainerIsReportedRunningThenCompleted() {
        kubectl.run("run", "web", "--image=registry.local/nginx:1").assertSuccess();
        kubectl.run("wait", "--for=condition=Ready", "pod/web", "--timeout=60s").assertSuccess();

        kubectl.run("debug", "web", "--image=busybox", "-c", "peek", "--", "true").assertSuccess();

        String state = Eventually.until("the debug container completed", () -> kubectl.run("get", "pod", "web", "-o",
                "jsonpath={.status.ephemeralContainerStatuses[0].name} {.status.ephemeralContainerStatuses[0].state.terminated.reason}"
                        + " {.status.ephemeralContainerStatuses[0].state.terminated.exitCode}").out(),
                out -> out.startsWith("peek Completed"));
        assertEquals("peek Completed 0", state);
        assertEquals("busybox false 0 simulated://", kubectl.run("get", "pod", "web", "-o",
                "jsonpath={.status.ephemeralContainerStatuses[0].image} {.status.ephemeralContainerStatuses[0].ready}"
                        + " {.status.ephemeralContainerStatuses[0].restartCount} {.status.ephemeralContainerStatuses[0].containerID}")
                .out().substring(0, "busybox false 0 simulated://".length()));
        // the probe manager never sets started on an ephemeral container, so the field is absent
        assertEquals("", kubectl.run("get", "pod", "web", "-o", "jsonpath={.status.ephemeralContainerStatuses[0].started}").out());
        assertEquals("Running true", kubectl.run("get", "pod", "web", "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].ready}").out());
    }
}
