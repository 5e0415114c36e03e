package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import io.jk8s.testing.Kubectl;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kubectl get cs on the API alone: the controller rows follow the Lease
 * kube-system/kube-controller-manager (fresh, expired, released), each answer warns that the API
 * is deprecated, and nothing but get and list is served.
 */
class ComponentStatusesTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    private static final String WARNING = "Warning: v1 ComponentStatus is deprecated in v1.19+\n";

    @Test
    void controllerRowsFollowTheLeaderLease() {
        Kubectl kubectl = api.kubectl();
        kubectl.run("create", "namespace", "kube-system");
        lease(kubectl, "cm-1_abc", Instant.now().minus(1, ChronoUnit.MINUTES));
        Kubectl.Result expired = kubectl.run("get", "cs").assertSuccess();
        assertEquals(WARNING, expired.err());
        assertTrue(expired.out().lines().anyMatch(l -> l.matches(
                "scheduler +Unhealthy +Lease kube-system/kube-controller-manager held by cm-1_abc expired at \\S+Z +")), expired.out());

        lease(kubectl, "cm-1_abc", Instant.now());
        assertTrue(kubectl.run("get", "cs").out().matches("""
                NAME +STATUS +MESSAGE +ERROR
                scheduler +Healthy +ok +
                controller-manager +Healthy +ok +
                etcd-0 +Healthy +ok +
                """));

        lease(kubectl, "", Instant.now());
        assertTrue(kubectl.run("get", "cs", "controller-manager").out().lines().anyMatch(l -> l.matches(
                "controller-manager +Unhealthy +no controller manager is leading: Lease kube-system/kube-controller-manager has no holder +")));
    }

    @Test
    void servedAsKubeDoes() {
        Kubectl kubectl = api.kubectl();
        String etcd = kubectl.run("get", "--raw", "/api/v1/componentstatuses/etcd-0").assertSuccess().out();
        assertTrue(etcd.contains("\"kind\":\"ComponentStatus\"") && etcd.contains("\"apiVersion\":\"v1\"")
                && etcd.contains("\"conditions\":[{\"message\":\"ok\",\"status\":\"True\",\"type\":\"Healthy\"}]"), etcd);
        String list = kubectl.run("get", "--raw", "/api/v1/componentstatuses").assertSuccess().out();
        assertTrue(list.startsWith("{\"kind\":\"ComponentStatusList\",\"apiVersion\":\"v1\""), list);
        assertTrue(kubectl.run("get", "cs", "kube-proxy").err().endsWith(
                "Error from server (NotFound): componentstatuses \"kube-proxy\" not found\n"));
        assertTrue(kubectl.run("delete", "cs", "etcd-0").err().contains("(MethodNotAllowed)"));
        assertTrue(kubectl.run("get", "--raw", "/api/v1/namespaces/default/componentstatuses").err().contains("(NotFound)"));
        assertTrue(kubectl.run("api-resources").out().lines().anyMatch(l -> l.matches("componentstatuses +cs +v1 +false +ComponentStatus")));
    }

    private static void lease(Kubectl kubectl, String holder, Instant renewed) {
        kubectl.runWithInput("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: kube-controller-manager, namespace: kube-system}
                spec:
                  holderIdentity: "%s"
                  leaseDurationSeconds: 15
                  renewTime: "%s"
                """.formatted(holder, renewed.truncatedTo(ChronoUnit.MICROS)),
                "apply", "-f", "-").assertSuccess();
    }
}
