package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kubernetes Basics modules (create a Deployment, expose it, scale it, roll it out and back)
 * and the Job seed on three simulated nodes: the controllers, the scheduler and the simulated
 * kubelets make the pods real, as kubectl shows.
 */
class TutorialsOnSimulatedNodesTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "simulated", "--simulated-nodes", "3");

    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        kubectl = cluster.kubectl();
        Eventually.until("3 Ready nodes", () -> kubectl.run("get", "nodes").out(),
                out -> out.lines().filter(l -> l.matches("jk8s-sim-\\d+\\s+Ready\\s+<none>\\s+\\S+\\s+v1\\.32\\.\\S+")).count() == 3);
    }

    @Test
    void aDeploymentRunsItsReplicasSpreadOverTheNodes() {
        assertEquals("deployment.apps/kubernetes-bootcamp created\n", kubectl.run("create", "deployment", "kubernetes-bootcamp",
                "--image=gcr.io/google-samples/kubernetes-bootcamp:v1", "--replicas=6").assertSuccess().out());
        Eventually.until("6/6 ready", () -> kubectl.run("get", "deployments").out(),
                out -> out.lines().anyMatch(l -> l.matches("kubernetes-bootcamp\\s+6/6\\s+6\\s+6\\s+\\S+")));
        String pods = kubectl.run("get", "pods", "-l", "app=kubernetes-bootcamp", "-o", "wide").assertSuccess().out();
        Map<String, Integer> perNode = new TreeMap<>();
        pods.lines().skip(1).forEach(line -> {
            String[] cells = line.trim().split("\\s+");
            assertEquals("1/1", cells[1], line);
            assertEquals("Running", cells[2], line);
            assertTrue(cells[5].startsWith("10.244."), "pod IP: " + line);
            perNode.merge(cells[6], 1, Integer::sum);
        });
        assertEquals(Map.of("jk8s-sim-1", 2, "jk8s-sim-2", 2, "jk8s-sim-3", 2), perNode, pods);
        assertEquals("deployment \"kubernetes-bootcamp\" successfully rolled out\n",
                kubectl.run("rollout", "status", "deployment/kubernetes-bootcamp", "--timeout=60s").assertSuccess().out());
        String rs = kubectl.run("get", "rs", "-l", "app=kubernetes-bootcamp").assertSuccess().out();
        assertTrue(rs.lines().skip(1).anyMatch(l -> l.matches("kubernetes-bootcamp-[bcdfghjklmnpqrstvwxz2456789]+\\s+6\\s+6\\s+6\\s+\\S+")), rs);

        // field managers are named after the writers' User-Agents, as kube's components send them
        String deploymentManagers = kubectl.run("get", "deployment", "kubernetes-bootcamp", "-o",
                "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource} {end}").assertSuccess().out();
        // kube orders entries by time, then manager: within one second the controller's come first
        assertEquals(Set.of("kubectl-create/Update/", "kube-controller-manager/Update/", "kube-controller-manager/Update/status"),
                Set.of(deploymentManagers.trim().split(" ")));
        String podManagers = kubectl.run("get", "pods", "-l", "app=kubernetes-bootcamp", "-o",
                "jsonpath={.items[0].metadata.managedFields[*].manager}").assertSuccess().out();
        assertEquals(Set.of("kube-controller-manager", "kubelet"), Set.of(podManagers.trim().split(" ")));
    }

    @Test
    void scalingUpAndDownAndReplacingADeletedPod() {
        kubectl.run("create", "deployment", "scaled", "--image=registry.local/scaled:1").assertSuccess();
        Eventually.until("1/1", () -> kubectl.run("get", "deployment", "scaled").out(), out -> out.contains(" 1/1 "));
        assertEquals("deployment.apps/scaled scaled\n", kubectl.run("scale", "deployment/scaled", "--replicas=4").assertSuccess().out());
        Eventually.until("4/4", () -> kubectl.run("get", "deployment", "scaled").out(), out -> out.contains(" 4/4 "));
        String victim = kubectl.run("get", "pods", "-l", "app=scaled", "-o", "jsonpath={.items[0].metadata.name}").assertSuccess().out();
        kubectl.run("delete", "pod", victim).assertSuccess();
        Eventually.until("a replacement", () -> kubectl.run("get", "pods", "-l", "app=scaled", "-o", "name").out(),
                out -> out.lines().count() == 4 && !out.contains(victim));
        Eventually.until("4/4 again", () -> kubectl.run("get", "deployment", "scaled").out(), out -> out.contains(" 4/4 "));
        kubectl.run("scale", "deployment/scaled", "--replicas=1").assertSuccess();
        Eventually.until("one pod left", () -> kubectl.run("get", "pods", "-l", "app=scaled", "-o", "name").out(),
                out -> out.lines().count() == 1);
    }

    @Test
    void exposingADeploymentGivesAServiceWithTheReadyPodsAsEndpoints() {
        kubectl.run("create", "deployment", "web", "--image=registry.local/web:1", "--replicas=2").assertSuccess();
        assertEquals("service/web exposed\n",
                kubectl.run("expose", "deployment/web", "--type=NodePort", "--port", "8080").assertSuccess().out());
        String svc = kubectl.run("get", "services", "web").assertSuccess().out();
        assertTrue(svc.lines().anyMatch(l -> l.matches("web\\s+NodePort\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+<none>\\s+8080:3\\d{4}/TCP\\s+\\S+")), svc);
        Eventually.until("2 endpoints", () -> kubectl.run("get", "endpoints", "web").out(),
                out -> out.lines().anyMatch(l -> l.matches("web\\s+10\\.244\\.\\d+\\.\\d+:8080,10\\.244\\.\\d+\\.\\d+:8080\\s+\\S+")));
        String slices = kubectl.run("get", "endpointslices", "-l", "kubernetes.io/service-name=web").assertSuccess().out();
        assertTrue(slices.lines().anyMatch(l -> l.matches("web-\\w+\\s+IPv4\\s+8080\\s+10\\.244\\.\\S+,10\\.244\\.\\S+\\s+\\S+")), slices);
        String described = kubectl.run("describe", "services/web").assertSuccess().out();
        assertTrue(described.lines().anyMatch(l -> l.matches("Endpoints:\\s+10\\.244\\.\\S+:8080,10\\.244\\.\\S+:8080")), described);
    }

    @Test
    void endpointsListTheirAddressesInKubesCanonicalOrderByIp() {
        kubectl.run("create", "deployment", "many", "--image=registry.local/web:1", "--replicas=6").assertSuccess();
        kubectl.run("expose", "deployment/many", "--port", "8080").assertSuccess();
        String ips = Eventually.until("6 ready addresses", () -> kubectl.run("get", "endpoints", "many", "-o",
                "jsonpath={.subsets[0].addresses[*].ip}").out(), out -> out.split(" ").length == 6);
        // endpoints.RepackSubsets sorts each subset's addresses bytewise by IP, whatever the pods' names
        List<String> listed = List.of(ips.split(" "));
        assertEquals(listed.stream().sorted().toList(), listed);
    }

    @Test
    void aServiceWithoutPodsHasASliceWithNullEndpoints() {
        assertEquals("service/lonely created\n", kubectl.run("create", "service", "clusterip", "lonely", "--tcp=80:8080")
                .assertSuccess().out());
        String rows = Eventually.until("the service's slice", () -> kubectl.run("get", "endpointslices", "-l",
                "kubernetes.io/service-name=lonely").out(), out -> out.lines().count() == 2);
        assertTrue(rows.lines().skip(1).allMatch(l -> l.matches("lonely-\\w+\\s+IPv4\\s+<unset>\\s+<unset>\\s+\\S+")), rows);
        String json = kubectl.run("get", "endpointslices", "-l", "kubernetes.io/service-name=lonely", "-o", "json")
                .assertSuccess().out();
        assertTrue(json.contains("\n            \"endpoints\": null,\n"), json);
    }

    @Test
    void aRolloutCanBeUndoneAndDeletingTheDeploymentRemovesItsPods() {
        kubectl.run("create", "deployment", "rolling", "--image=registry.local/rolling:v1", "--replicas=3").assertSuccess();
        kubectl.run("rollout", "status", "deployment/rolling", "--timeout=60s").assertSuccess();
        assertEquals("deployment.apps/rolling image updated\n",
                kubectl.run("set", "image", "deployment/rolling", "rolling=registry.local/rolling:v2").assertSuccess().out());
        assertTrue(kubectl.run("rollout", "status", "deployment/rolling", "--timeout=60s").assertSuccess().out()
                .endsWith("deployment \"rolling\" successfully rolled out\n"));
        String history = kubectl.run("rollout", "history", "deployment/rolling").assertSuccess().out();
        assertTrue(history.lines().anyMatch(l -> l.matches("1\\s+<none>")) && history.lines().anyMatch(l -> l.matches("2\\s+<none>")), history);
        assertEquals("deployment.apps/rolling rolled back\n", kubectl.run("rollout", "undo", "deployment/rolling").assertSuccess().out());
        kubectl.run("rollout", "status", "deployment/rolling", "--timeout=60s").assertSuccess();
        assertEquals("registry.local/rolling:v1", kubectl.run("get", "deployment", "rolling", "-o",
                "jsonpath={.spec.template.spec.containers[0].image}").assertSuccess().out());
        Eventually.until("old pods replaced", () -> kubectl.run("get", "pods", "-l", "app=rolling", "-o",
                "jsonpath={range .items[*]}{.spec.containers[0].image}{\"\\n\"}{end}").out(),
                out -> out.lines().count() == 3 && out.lines().allMatch("registry.local/rolling:v1"::equals));
        kubectl.run("delete", "deployment", "rolling").assertSuccess();
        Eventually.until("pods and replica sets gone", () -> kubectl.run("get", "rs,pods", "-l", "app=rolling").err()
                + kubectl.run("get", "rs,pods", "-l", "app=rolling").out(), out -> out.contains("No resources found"));
    }

    @Test
    void aPausedRolloutWaitsForResumeAndRestartReplacesThePods() {
        kubectl.run("create", "deployment", "paused", "--image=registry.local/paused:v1", "--replicas=2").assertSuccess();
        kubectl.run("rollout", "status", "deployment/paused", "--timeout=60s").assertSuccess();
        assertEquals("deployment.apps/paused paused\n", kubectl.run("rollout", "pause", "deployment/paused").assertSuccess().out());
        kubectl.run("set", "image", "deployment/paused", "paused=registry.local/paused:v2").assertSuccess();
        // a paused Deployment's controller records the new template but starts no rollout
        Eventually.until("the controller saw the change", () -> kubectl.run("get", "deployment", "paused", "-o",
                "jsonpath={.status.observedGeneration}/{.metadata.generation}").out(), out -> out.equals("3/3")); // pause and set image
        assertEquals(1, kubectl.run("get", "rs", "-l", "app=paused", "--no-headers").assertSuccess().out().lines().count());
        assertEquals("deployment.apps/paused resumed\n", kubectl.run("rollout", "resume", "deployment/paused").assertSuccess().out());
        kubectl.run("rollout", "status", "deployment/paused", "--timeout=60s").assertSuccess();
        Eventually.until("pods on v2", () -> podImages("paused"),
                out -> out.lines().count() == 2 && out.lines().allMatch("registry.local/paused:v2"::equals));

        String before = kubectl.run("get", "pods", "-l", "app=paused", "-o", "name").assertSuccess().out();
        assertEquals("deployment.apps/paused restarted\n", kubectl.run("rollout", "restart", "deployment/paused").assertSuccess().out());
        kubectl.run("rollout", "status", "deployment/paused", "--timeout=60s").assertSuccess();
        Eventually.until("every pod replaced", () -> kubectl.run("get", "pods", "-l", "app=paused", "-o", "name").out(),
                out -> out.lines().count() == 2 && out.lines().noneMatch(before.lines().toList()::contains));
        String history = kubectl.run("rollout", "history", "deployment/paused").assertSuccess().out();
        assertTrue(history.lines().anyMatch(l -> l.matches("3\\s+<none>")), history);
    }

    private String podImages(String app) {
        return kubectl.run("get", "pods", "-l", "app=" + app, "-o",
                "jsonpath={range .items[*]}{.spec.containers[0].image}{\"\\n\"}{end}").out();
    }

    @Test
    void aJobRunsToCompletion() {
        assertEquals("job.batch/hello created\n",
                kubectl.run("create", "job", "hello", "--image=registry.local/busybox:1", "--", "echo", "hi").assertSuccess().out());
        assertEquals("job.batch/hello condition met\n",
                kubectl.run("wait", "--for=condition=complete", "job/hello", "--timeout=60s").assertSuccess().out());
        String jobs = kubectl.run("get", "jobs", "hello").assertSuccess().out();
        assertTrue(jobs.lines().anyMatch(l -> l.matches("hello\\s+Complete\\s+1/1\\s+\\S+\\s+\\S+")), jobs);
        String pods = kubectl.run("get", "pods", "-l", "job-name=hello").assertSuccess().out();
        assertTrue(pods.lines().anyMatch(l -> l.matches("hello-\\w+\\s+0/1\\s+Completed\\s+0\\s+\\S+")), pods);
    }

    @Test
    void aPodThatFitsNowhereIsUnschedulableWithKubesMessage() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: too-big
                spec:
                  containers:
                  - name: app
                    image: registry.local/app:1
                    resources:
                      requests:
                        cpu: "64"
                """, "create", "-f", "-").assertSuccess();
        Eventually.until("Unschedulable", () -> kubectl.run("get", "pod", "too-big", "-o",
                "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].message}").out(),
                out -> out.equals("0/3 nodes are available: 3 Insufficient cpu. "
                        + "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."));
        assertTrue(kubectl.run("get", "pod", "too-big").out().lines().anyMatch(l -> l.matches("too-big\\s+0/1\\s+Pending\\s+0\\s+\\S+")));
    }
}
