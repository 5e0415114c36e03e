package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.SimulatedCluster;
import io.jk8s.testing.Kubectl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster-wide classes of scheduling.k8s.io, storage.k8s.io and node.k8s.io on the real jar:
 * the system priority classes exist from the start, pods that controllers build from a template
 * get their class's priority, and a claim without a class gets the default StorageClass.
 */
class ClassesOnSimulatedNodesTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(1);

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void theSystemPriorityClassesExistFromTheStart() {
        List<String> lines = kubectl.run("get", "pc").assertSuccess().out().lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("NAME\\s+VALUE\\s+GLOBAL-DEFAULT\\s+AGE\\s+PREEMPTIONPOLICY"), lines.get(0));
        assertTrue(lines.get(1).matches("system-cluster-critical\\s+2000000000\\s+false\\s+\\S+\\s+PreemptLowerPriority"), lines.get(1));
        assertTrue(lines.get(2).matches("system-node-critical\\s+2000001000\\s+false\\s+\\S+\\s+PreemptLowerPriority"), lines.get(2));
    }

    @Test
    void deploymentPodsGetThePriorityOfTheirTemplatesClass() {
        assertEquals("priorityclass.scheduling.k8s.io/batch-high created\n", kubectl.run("create", "priorityclass", "batch-high",
                "--value=100000", "--description=urgent batch work").assertSuccess().out());
        kubectl.run("create", "deployment", "urgent", "--image=registry.local/nginx:1", "--replicas=2").assertSuccess();
        kubectl.run("patch", "deployment", "urgent", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"priorityClassName\":\"batch-high\"}}}}").assertSuccess();
        kubectl.run("rollout", "status", "deployment/urgent", "--timeout=60s").assertSuccess();
        String pods = Eventually.until("two pods of the new template", () -> kubectl.run("get", "pods", "-l", "app=urgent", "-o",
                "jsonpath={range .items[*]}{.spec.priorityClassName} {.spec.priority} {.status.phase}{\"\\n\"}{end}").out(),
                out -> out.lines().filter("batch-high 100000 Running"::equals).count() == 2 && out.lines().count() == 2);
        assertEquals("batch-high 100000 Running\nbatch-high 100000 Running\n", pods);
    }

    @Test
    void claimsWithoutAClassGetTheDefaultStorageClassEvenRetroactively() {
        kubectl.runWithInput(claim("early"), "create", "-f", "-").assertSuccess();
        assertEquals("", kubectl.run("get", "pvc", "early", "-o", "jsonpath={.spec.storageClassName}").assertSuccess().out());

        kubectl.runWithInput("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: standard
                  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
                provisioner: rancher.io/local-path
                volumeBindingMode: WaitForFirstConsumer
                """, "create", "-f", "-").assertSuccess();
        List<String> classes = kubectl.run("get", "sc").assertSuccess().out().lines().toList();
        assertTrue(classes.get(1).matches("standard \\(default\\)\\s+rancher.io/local-path\\s+Delete\\s+WaitForFirstConsumer\\s+"
                + "false\\s+\\S+"), String.join("\n", classes));
        kubectl.runWithInput(claim("data"), "create", "-f", "-").assertSuccess();
        assertEquals("standard", kubectl.run("get", "pvc", "data", "-o", "jsonpath={.spec.storageClassName}").assertSuccess().out());
        // the binder gives a claim created before there was a default the new default (RetroactiveDefaultStorageClass)
        Eventually.until("the early claim classed", () -> kubectl.run("get", "pvc", "early", "-o",
                "jsonpath={.spec.storageClassName}").out(), "standard"::equals);
    }

    private static String claim(String name) {
        return """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """.formatted(name);
    }

    @Test
    void apiResourcesListsTheClassResources() {
        String resources = kubectl.run("api-resources").assertSuccess().out();
        for (String row : List.of("priorityclasses\\s+pc\\s+scheduling.k8s.io/v1\\s+false\\s+PriorityClass",
                "csidrivers\\s+storage.k8s.io/v1\\s+false\\s+CSIDriver", "csinodes\\s+storage.k8s.io/v1\\s+false\\s+CSINode",
                "csistoragecapacities\\s+storage.k8s.io/v1\\s+true\\s+CSIStorageCapacity",
                "storageclasses\\s+sc\\s+storage.k8s.io/v1\\s+false\\s+StorageClass",
                "volumeattachments\\s+storage.k8s.io/v1\\s+false\\s+VolumeAttachment",
                "runtimeclasses\\s+node.k8s.io/v1\\s+false\\s+RuntimeClass")) {
            assertTrue(resources.lines().anyMatch(l -> l.matches(row)), row + " missing in\n" + resources);
        }
    }
}
