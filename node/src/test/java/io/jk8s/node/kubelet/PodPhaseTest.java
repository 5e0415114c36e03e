package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.node.runtime.ContainerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubelet's getPhase over the containers the pod worker found. */
class PodPhaseTest {

    private static ContainerView running(String name) {
        return new ContainerView(name, "img", status(ContainerStatus.State.RUNNING, 0), null, null, null, 0);
    }

    private static ContainerView exited(String name, int code) {
        return new ContainerView(name, "img", status(ContainerStatus.State.EXITED, code), null, null, null, 0);
    }

    private static ContainerView waiting(String name, String reason) {
        return ContainerView.waiting(name, "img", reason, null);
    }

    private static ContainerStatus status(ContainerStatus.State state, int exitCode) {
        return new ContainerStatus("id", "sb", "pod", "default", "uid", "c", 0, state, exitCode,
                state == ContainerStatus.State.EXITED ? (exitCode == 0 ? "Completed" : "Error") : null, null,
                "img", "sha256:x", Instant.EPOCH, Instant.EPOCH, null);
    }

    @Test
    void phases() {
        assertEquals("Pending", PodStatusGenerator.phase("Always", List.of(), List.of(running("a"), waiting("b", "ContainerCreating"))));
        assertEquals("Running", PodStatusGenerator.phase("Always", List.of(), List.of(running("a"), running("b"))));
        assertEquals("Running", PodStatusGenerator.phase("Always", List.of(), List.of(waiting("a", "CrashLoopBackOff"))));
        assertEquals("Failed", PodStatusGenerator.phase("Never", List.of(), List.of(exited("a", 3))));
        assertEquals("Succeeded", PodStatusGenerator.phase("OnFailure", List.of(), List.of(exited("a", 0), exited("b", 0))));
        assertEquals("Running", PodStatusGenerator.phase("Never", List.of(), List.of(exited("a", 1), running("b"))));
        assertEquals("Pending", PodStatusGenerator.phase("Always", List.of(running("init")), List.of(waiting("a", "PodInitializing"))));
        assertEquals("Failed", PodStatusGenerator.phase("Never", List.of(exited("init", 1)), List.of(waiting("a", "PodInitializing"))));
        assertEquals("Pending", PodStatusGenerator.phase("Always", List.of(waiting("init", "ErrImageNeverPull")), List.of()));
        assertEquals("Pending", PodStatusGenerator.phase("Always", List.of(), List.of(waiting("a", "ErrImageNeverPull"))));
    }
}
