package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jk8s.node.runtime.ContainerStatus;
import io.jk8s.node.runtime.PodSandbox;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the kubelet reports an ephemeral container: in ephemeralContainerStatuses, never ready, apart from the pod's readiness. */
class EphemeralContainerStatusTest {

    private static final Pod POD = new PodBuilder().withNewMetadata().withName("p").withNamespace("default").withUid("uid")
            .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("img").endContainer()
            .addNewEphemeralContainer().withName("debugger").withImage("img").withTargetContainerName("app")
            .endEphemeralContainer().withRestartPolicy("Always").endSpec().build();

    private static ContainerView running(String name, String id) {
        return new ContainerView(name, "img", new ContainerStatus(id, "sb", "p", "default", "uid", name, 0,
                ContainerStatus.State.RUNNING, 0, null, null, "img", "sha256:x", Instant.EPOCH, Instant.EPOCH, null),
                null, null, null, 0);
    }

    @Test
    void aRunningEphemeralContainerIsReportedButNeverReady() {
        PodSandbox sandbox = new PodSandbox("sb", "p", "default", "uid", 0, true, "10.0.0.5", Instant.EPOCH);
        PodStatus status = PodStatusGenerator.generate(POD, sandbox, List.of(), List.of(running("app", "a1")),
                List.of(running("debugger", "d1")), "192.168.0.1", Instant.EPOCH, io.jk8s.node.kubelet.prober.ProbeResults.NONE);
        var debugger = status.getEphemeralContainerStatuses().get(0);
        assertEquals("debugger", debugger.getName());
        assertEquals("docker://d1", debugger.getContainerID());
        assertEquals(false, debugger.getReady());
        assertNull(debugger.getStarted());
        assertEquals("1970-01-01T00:00:00Z", debugger.getState().getRunning().getStartedAt());
        assertEquals(1, status.getContainerStatuses().size());
        assertEquals("True", status.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow().getStatus());
    }

    @Test
    void eventsAboutAnEphemeralContainerNameItsFieldPath() {
        assertEquals("spec.ephemeralContainers{debugger}",
                ContainerEvents.fieldPath(POD, EphemeralContainers.asContainer(POD.getSpec().getEphemeralContainers().get(0))));
        assertEquals("spec.containers{app}", ContainerEvents.fieldPath(POD, POD.getSpec().getContainers().get(0)));
    }
}
