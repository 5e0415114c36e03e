package io.jk8s.node.kubelet.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** prober/worker.go's counting: thresholds, the initial results, and liveness holding after a failure. */
class ProbeWorkerTest {

    private final List<String> resyncs = new ArrayList<>();
    private final ProbeManager manager = new ProbeManager(null, resyncs::add);

    @AfterEach
    void stop() {
        manager.close();
    }

    private static Container withTcpProbes(int port) {
        return new ContainerBuilder().withName("app")
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                .withSuccessThreshold(2).withFailureThreshold(3).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                .withFailureThreshold(1).endLivenessProbe()
                .build();
    }

    @Test
    void readinessChangesOnlyAfterItsThresholdOfEqualResults() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = server.getLocalPort();
        ProbeWorker worker = new ProbeWorker(manager, "default/web", "uid", ProbeType.READINESS);
        worker.update(null, withTcpProbes(port), "c1", Instant.EPOCH, "127.0.0.1");
        assertFalse(manager.ready("c1"), "not ready before the first probe");
        worker.tick();
        assertFalse(manager.ready("c1"), "one success of two");
        worker.tick();
        assertTrue(manager.ready("c1"));
        assertEquals(List.of("default/web"), resyncs);

        server.close();
        worker.tick();
        worker.tick();
        assertTrue(manager.ready("c1"), "two failures of three");
        worker.tick();
        assertFalse(manager.ready("c1"));

        worker.update(null, withTcpProbes(port), "c2", Instant.EPOCH, "127.0.0.1");
        assertFalse(manager.ready("c2"), "a new container starts unready");
        assertTrue(manager.ready("c1"), "results of the replaced container are dropped");
    }

    @Test
    void aFailedLivenessProbeAsksForARestartAndHoldsUntilTheContainerIsReplaced() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // closed again: nothing listens there
        }
        ProbeWorker worker = new ProbeWorker(manager, "default/web", "uid", ProbeType.LIVENESS);
        worker.update(null, withTcpProbes(port), "c1", Instant.EPOCH, "127.0.0.1");
        assertFalse(manager.mustRestart("c1"), "live until probed");
        worker.tick();
        assertTrue(manager.mustRestart("c1"));
        worker.update(null, withTcpProbes(port), "c2", Instant.EPOCH, "127.0.0.1");
        assertFalse(manager.mustRestart("c2"));
    }

    @Test
    void nothingIsProbedBeforeTheInitialDelay() {
        Container c = withTcpProbes(1);
        c.getLivenessProbe().setInitialDelaySeconds(3600);
        ProbeWorker worker = new ProbeWorker(manager, "default/web", "uid", ProbeType.LIVENESS);
        worker.update(null, c, "c1", Instant.now(), "127.0.0.1");
        worker.tick();
        assertFalse(manager.mustRestart("c1"));
    }
}
