package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node whose kubelet stops renewing its Lease becomes NotReady and unreachable-tainted after the
 * grace period, and its pods are evicted when their toleration runs out (kube's node lifecycle
 * controller). The silent node is one registered by hand with kubectl, with no kubelet behind it.
 */
class NodeLifecycleTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "simulated", "--simulated-nodes", "1",
            "--node-monitor-grace-period", "15"); // above the simulated kubelets' 10 s lease renewal

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void aSilentNodeBecomesNotReadyTaintedAndItsPodsAreEvicted() {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: ghost
                """, "create", "-f", "-").assertSuccess();
        kubectl.run("patch", "node", "ghost", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\","
                        + "\"message\":\"kubelet is posting ready status\",\"lastHeartbeatTime\":\"" + now
                        + "\",\"lastTransitionTime\":\"" + now + "\"}]}}").assertSuccess();
        kubectl.runWithInput("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata:
                  name: ghost
                  namespace: kube-node-lease
                spec:
                  holderIdentity: ghost
                  leaseDurationSeconds: 40
                  renewTime: "%s"
                """.formatted(Instant.now().truncatedTo(ChronoUnit.MICROS)), "create", "-f", "-").assertSuccess();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stranded
                spec:
                  nodeName: ghost
                  containers:
                  - name: app
                    image: registry.local/app:1
                  tolerations:
                  - key: node.kubernetes.io/unreachable
                    operator: Exists
                    effect: NoExecute
                    tolerationSeconds: 2
                """, "create", "-f", "-").assertSuccess();

        Eventually.until("ghost NotReady", () -> kubectl.run("get", "node", "ghost").out(),
                out -> out.lines().anyMatch(l -> l.matches("ghost\\s+NotReady\\s+<none>\\s+\\S+\\s*\\S*")));
        String reason = kubectl.run("get", "node", "ghost", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status} {.status.conditions[?(@.type==\"Ready\")].message}").out();
        assertTrue(reason.equals("Unknown Kubelet stopped posting node status."), reason);
        Eventually.until("unreachable taints", () -> kubectl.run("get", "node", "ghost", "-o",
                "jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}").out(),
                taints -> taints.contains("node.kubernetes.io/unreachable:NoSchedule")
                        && taints.contains("node.kubernetes.io/unreachable:NoExecute"));
        // evicted: deleted, or Terminating while the (absent) kubelet would have to confirm, as in kube
        Eventually.until("stranded evicted", () -> kubectl.run("get", "pod", "stranded", "-o",
                "jsonpath={.metadata.deletionTimestamp}").out() + "|" + kubectl.run("get", "pod", "stranded").err(),
                out -> !out.startsWith("|") || out.contains("NotFound"));
        // the healthy simulated node is untouched
        assertTrue(kubectl.run("get", "node", "jk8s-sim-1").out().lines().anyMatch(l -> l.matches("jk8s-sim-1\\s+Ready\\s+.*")));
    }
}
