package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.ControllerManagerProcess;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl get cs} (the deprecated core/v1 componentstatuses): scheduler and controller-manager
 * are healthy only while a controller manager holds a fresh Lease kube-system/kube-controller-manager,
 * the storage row etcd-0 while the store answers; every answer carries kube's deprecation warning.
 */
class ComponentStatusesTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none", "--disable-controller-manager");

    private static final String WARNING = "Warning: v1 ComponentStatus is deprecated in v1.19+\n";

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void controllersAreHealthyOnlyWhileALeaderHoldsTheLease() throws Exception {
        Kubectl.Result none = kubectl.run("get", "cs").assertSuccess();
        assertEquals(WARNING, none.err());
        assertTrue(none.out().matches("""
                NAME +STATUS +MESSAGE +ERROR
                scheduler +Unhealthy +no controller manager is running: Lease kube-system/kube-controller-manager not found +
                controller-manager +Unhealthy +no controller manager is running: Lease kube-system/kube-controller-manager not found +
                etcd-0 +Healthy +ok +
                """), none.out());

        Path logs = Files.createDirectories(cluster.server().kubeconfig().getParent().resolve("logs"));
        try (ControllerManagerProcess manager = ControllerManagerProcess.start(cluster.server().kubeconfig(), logs.resolve("cm.log"))) {
            String healthy = Eventually.until("the controllers healthy", Duration.ofSeconds(60),
                    () -> kubectl.run("get", "componentstatuses").out(), out -> out.contains("scheduler            Healthy"));
            assertTrue(healthy.matches("""
                    NAME +STATUS +MESSAGE +ERROR
                    scheduler +Healthy +ok +
                    controller-manager +Healthy +ok +
                    etcd-0 +Healthy +ok +
                    """), healthy);
            assertEquals("True ok", kubectl.run("get", "cs", "controller-manager", "-o",
                    "jsonpath={.conditions[?(@.type==\"Healthy\")].status} {.conditions[0].message}").assertSuccess().out());

            // killed without releasing the Lease: unhealthy once the Lease (15 s) has run out
            manager.kill9();
            String expired = Eventually.until("the Lease expired", Duration.ofSeconds(40), () -> kubectl.run("get", "cs").out(),
                    out -> out.contains("controller-manager   Unhealthy"));
            assertTrue(expired.lines().anyMatch(l -> l.matches(
                    "controller-manager +Unhealthy +Lease kube-system/kube-controller-manager held by \\S+ expired at \\S+ +")), expired);
        }

        Kubectl.Result notFound = kubectl.run("get", "cs", "kube-proxy");
        assertTrue(notFound.err().endsWith("Error from server (NotFound): componentstatuses \"kube-proxy\" not found\n"), notFound.err());
        assertTrue(kubectl.run("delete", "cs", "etcd-0").err().contains("(MethodNotAllowed)"));
        assertTrue(kubectl.run("api-resources").out().lines().anyMatch(l -> l.matches("componentstatuses +cs +v1 +false +ComponentStatus")));
    }
}
