package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl delete} as users run it: cascades carried out by the garbage collector, graceful
 * and forced pod deletion, finalizers patched out, selectors, and waiting for the object to go.
 */
class DeletionLifecycleTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "simulated", "--simulated-nodes", "1");


    @Test
    void backgroundCascadeDeletesTheReplicaSetsAndPods() {
        deploymentWithPods("bg");
        assertEquals("deployment.apps \"bg\" deleted\n", kubectl().run("delete", "deployment", "bg", "--cascade=background")
                .assertSuccess().out());
        Eventually.until("the dependents gone", () -> kubectl().run("get", "rs,pods", "-l", "app=bg").err(),
                err -> err.equals("No resources found in default namespace.\n"));
    }

    @Test
    void orphanCascadeLeavesTheReplicaSetWithoutItsOwner() {
        deploymentWithPods("orphans");
        assertEquals("deployment.apps \"orphans\" deleted\n", kubectl().run("delete", "deployment", "orphans", "--cascade=orphan")
                .assertSuccess().out());
        assertEquals(1, kubectl().run("get", "deployment", "orphans").exitCode());
        String rs = kubectl().run("get", "rs", "-l", "app=orphans", "-o", "jsonpath={.items[*].metadata.ownerReferences}")
                .assertSuccess().out();
        assertEquals("", rs, "the garbage collector removed the owner reference before the owner went");
        assertEquals(2, kubectl().run("get", "pods", "-l", "app=orphans", "-o", "name").assertSuccess().out().lines().count());
    }

    @Test
    void foregroundCascadeRemovesTheOwnerAfterItsDependents() {
        deploymentWithPods("fg");
        assertEquals("deployment.apps \"fg\" deleted\n", kubectl().run("delete", "deployment", "fg", "--cascade=foreground",
                "--timeout=60s").assertSuccess().out());
        // kubectl waited for the deployment, which went only after its blocking dependent, the ReplicaSet
        Kubectl.Result rs = kubectl().run("get", "rs", "-l", "app=fg");
        assertEquals("No resources found in default namespace.\n", rs.err());
        Eventually.until("the pods gone", () -> kubectl().run("get", "pods", "-l", "app=fg").err(),
                err -> err.equals("No resources found in default namespace.\n"));
    }

    @Test
    void gracePeriodsAndForce() {
        kubectl().run("run", "stranded", "--image=registry.local/app:1", "--overrides={\"spec\":{\"nodeName\":\"gone-node\"}}")
                .assertSuccess();
        assertEquals("pod \"stranded\" deleted\n", kubectl().run("delete", "pod", "stranded", "--grace-period=45", "--wait=false")
                .assertSuccess().out());
        // no kubelet confirms on that node: the pod waits with the grace period it was given
        assertEquals("45 true", kubectl().run("get", "pod", "stranded", "-o",
                "jsonpath={.metadata.deletionGracePeriodSeconds} {.metadata.deletionTimestamp}").assertSuccess().out()
                .replaceAll("\\d{4}-.*Z$", "true"));
        Kubectl.Result forced = kubectl().run("delete", "pod", "stranded", "--grace-period=0", "--force");
        assertEquals("pod \"stranded\" force deleted\n", forced.assertSuccess().out());
        assertTrue(forced.err().startsWith("Warning: Immediate deletion does not wait for confirmation that the running resource"
                + " has been terminated."), forced.err());
        assertEquals(1, kubectl().run("get", "pod", "stranded").exitCode());

        awaitReadyNode();
        kubectl().run("run", "confirmed", "--image=registry.local/app:1").assertSuccess();
        Eventually.until("running", () -> kubectl().run("get", "pod", "confirmed").out(), out -> out.contains("Running"));
        assertEquals("pod \"confirmed\" deleted\n", kubectl().run("delete", "pod", "confirmed", "--grace-period=5", "--timeout=60s")
                .assertSuccess().out());
        assertEquals(1, kubectl().run("get", "pod", "confirmed").exitCode(), "the node confirmed and kubectl waited for it");
    }

    @Test
    void finalizersHoldTheObjectUntilPatchedOut() {
        kubectl().runWithInput("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: held
                  finalizers: ["example.com/hold"]
                """, "apply", "-f", "-").assertSuccess();
        Kubectl.Result timedOut = kubectl().run("delete", "configmap", "held", "--timeout=3s");
        assertEquals(1, timedOut.exitCode());
        assertEquals("configmap \"held\" deleted\n", timedOut.out());
        // kubectl may log its watch being cut by the deadline before the error
        assertTrue(timedOut.err().endsWith("error: timed out waiting for the condition on configmaps/held\n"), timedOut.err());
        assertTrue(kubectl().run("get", "configmap", "held", "-o", "jsonpath={.metadata.deletionTimestamp}").assertSuccess().out()
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

        Kubectl.Result stillThere = kubectl().run("wait", "--for=delete", "configmap/held", "--timeout=3s");
        assertEquals(1, stillThere.exitCode());
        assertTrue(stillThere.err().endsWith("error: timed out waiting for the condition on configmaps/held\n"), stillThere.err());
        kubectl().run("patch", "configmap", "held", "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]")
                .assertSuccess();
        kubectl().run("wait", "--for=delete", "configmap/held", "--timeout=60s").assertSuccess();
        assertEquals(1, kubectl().run("get", "configmap", "held").exitCode());
    }

    @Test
    void deleteBySelector() {
        kubectl().run("create", "configmap", "sel-a").assertSuccess();
        kubectl().run("create", "configmap", "sel-b").assertSuccess();
        kubectl().run("create", "configmap", "sel-c").assertSuccess();
        kubectl().run("label", "configmap", "sel-a", "sel-b", "batch=old").assertSuccess();
        assertEquals("configmap \"sel-a\" deleted\nconfigmap \"sel-b\" deleted\n",
                kubectl().run("delete", "configmap", "-l", "batch=old").assertSuccess().out());
        assertEquals("configmap/sel-c\n", kubectl().run("get", "configmap", "-o", "name", "-l", "!batch", "--field-selector",
                "metadata.name=sel-c").assertSuccess().out());
        assertEquals("No resources found\n", kubectl().run("delete", "configmap", "-l", "batch=old").assertSuccess().out());
    }

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    private static void awaitReadyNode() {
        Eventually.until("a Ready node", () -> kubectl().run("get", "nodes").out(), out -> out.contains(" Ready "));
    }

    private static void deploymentWithPods(String name) {
        awaitReadyNode();
        kubectl().run("create", "deployment", name, "--image=registry.local/" + name + ":1", "--replicas=2").assertSuccess();
        Eventually.until("2/2 " + name, () -> kubectl().run("get", "deployment", name).out(), out -> out.contains(" 2/2 "));
    }
}
