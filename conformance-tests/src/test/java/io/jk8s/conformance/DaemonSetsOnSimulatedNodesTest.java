package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.SimulatedCluster;
import io.jk8s.testing.Kubectl;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DaemonSets on three simulated nodes: one pod per eligible node, following node labels and
 * taints, rolled out through ControllerRevisions, as kubectl shows it.
 */
class DaemonSetsOnSimulatedNodesTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(3);

    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        kubectl = cluster.kubectl();
    }

    @Test
    void oneDaemonPodPerNodeAndARollingUpdate() {
        assertEquals("daemonset.apps/agent created\n", kubectl.runWithInput(daemonSet("agent", ""), "create", "-f", "-").assertSuccess().out());
        assertEquals("daemon set \"agent\" successfully rolled out\n",
                kubectl.run("rollout", "status", "ds/agent", "--timeout=60s").assertSuccess().out().lines()
                        .reduce((a, b) -> b).orElse("") + "\n");
        assertEquals(List.of("jk8s-sim-1", "jk8s-sim-2", "jk8s-sim-3"), nodesOf("agent"));
        String ds = kubectl.run("get", "ds", "agent").assertSuccess().out();
        assertTrue(ds.lines().anyMatch(l -> l.matches("agent\\s+3\\s+3\\s+3\\s+3\\s+3\\s+<none>\\s+\\S+")), ds);
        String affinity = kubectl.run("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[0].spec.affinity.nodeAffinity"
                + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key}").out();
        assertEquals("metadata.name", affinity);
        String tolerations = kubectl.run("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[0].spec.tolerations[*].key}").out();
        assertTrue(tolerations.contains("node.kubernetes.io/unreachable") && tolerations.contains("node.kubernetes.io/unschedulable"), tolerations);
        String described = kubectl.run("describe", "ds", "agent").assertSuccess().out();
        assertTrue(described.lines().anyMatch(l -> l.matches("\\s+Normal\\s+SuccessfulCreate\\s+\\S+\\s+daemonset-controller\\s+Created pod: agent-\\w+")),
                described);

        assertEquals("1", templateGeneration("agent"));
        String firstHash = hashes("agent");
        kubectl.run("label", "ds", "agent", "tier=node").assertSuccess();
        assertEquals("1", templateGeneration("agent"), "only a template change moves the template generation");
        kubectl.run("set", "image", "ds/agent", "agent=registry.local/agent:2").assertSuccess();
        assertEquals("2", templateGeneration("agent"));
        assertTrue(kubectl.run("rollout", "status", "ds/agent", "--timeout=60s").assertSuccess().out()
                .endsWith("daemon set \"agent\" successfully rolled out\n"));
        Eventually.until("three updated pods", () -> kubectl.run("get", "pods", "-l", "app=agent", "-o",
                "jsonpath={range .items[*]}{.spec.containers[0].image}{\"\\n\"}{end}").out(),
                out -> out.lines().count() == 3 && out.lines().allMatch("registry.local/agent:2"::equals));
        assertEquals(List.of("jk8s-sim-1", "jk8s-sim-2", "jk8s-sim-3"), nodesOf("agent"));
        assertEquals("2 2 2", kubectl.run("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[*].metadata.labels.pod-template-generation}")
                .assertSuccess().out());
        String revisions = kubectl.run("get", "controllerrevisions").assertSuccess().out();
        assertTrue(revisions.lines().anyMatch(l -> l.matches("agent-" + firstHash.lines().findFirst().orElseThrow()
                + "\\s+daemonset.apps/agent\\s+1\\s+\\S+")), revisions);
        assertTrue(revisions.lines().anyMatch(l -> l.matches("agent-\\w+\\s+daemonset.apps/agent\\s+2\\s+\\S+")), revisions);
    }

    @Test
    void maxSurgeStartsTheUpdatedPodBesideTheOldOne() throws Exception {
        kubectl.runWithInput(daemonSet("surge", "").replace("spec:\n  selector:", """
                spec:
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxSurge: 1
                      maxUnavailable: 0
                  selector:"""), "create", "-f", "-").assertSuccess();
        kubectl.run("rollout", "status", "ds/surge", "--timeout=60s").assertSuccess();
        // watch lines: event, pod, node, image, deletionTimestamp (or empty)
        try (Kubectl.Streaming watch = kubectl.stream("get", "pods", "-l", "app=surge", "--watch", "--output-watch-events", "-o",
                "jsonpath={.type} {.object.metadata.name} {.object.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                        + ".nodeSelectorTerms[0].matchFields[0].values[0]} {.object.spec.containers[0].image} "
                        + "{.object.metadata.deletionTimestamp}{\"\\n\"}")) {
            java.util.Map<String, String> alive = new java.util.HashMap<>(); // pod -> node:image
            for (int i = 0; i < 3; i++) {
                String[] cells = watch.nextLine(30).split(" ", -1);
                alive.put(cells[1], cells[2] + ":" + cells[3]);
            }
            kubectl.run("set", "image", "ds/surge", "surge=registry.local/agent:2").assertSuccess();
            java.util.Set<String> updatedNodes = new java.util.TreeSet<>();
            while (updatedNodes.size() < 3 || alive.size() > 3) {
                String[] cells = watch.nextLine(60).split(" ", -1);
                if (cells[0].equals("DELETED") || !cells[4].isEmpty()) {
                    String gone = alive.remove(cells[1]);
                    if (gone != null && gone.endsWith(":registry.local/agent:1")) {
                        String node = gone.substring(0, gone.indexOf(':'));
                        // maxUnavailable 0: an old pod goes only once its node has the updated one
                        assertTrue(alive.containsValue(node + ":registry.local/agent:2"), "old pod on " + node + " removed first: " + alive);
                    }
                } else {
                    alive.put(cells[1], cells[2] + ":" + cells[3]);
                    if (cells[3].equals("registry.local/agent:2")) {
                        updatedNodes.add(cells[2]);
                    }
                }
                assertTrue(alive.size() <= 4, "more than one node surging (maxSurge 1): " + alive);
            }
            assertEquals(java.util.Set.of("jk8s-sim-1", "jk8s-sim-2", "jk8s-sim-3"), updatedNodes);
        }
        kubectl.run("rollout", "status", "ds/surge", "--timeout=60s").assertSuccess();
        assertEquals(List.of("jk8s-sim-1", "jk8s-sim-2", "jk8s-sim-3"), nodesOf("surge"));
    }

    @Test
    void nodeSelectorsAndTaintsDecideWhereDaemonsRun() {
        kubectl.run("label", "node", "jk8s-sim-2", "disk=ssd").assertSuccess();
        kubectl.runWithInput(daemonSet("ssd", "      nodeSelector:\n        disk: ssd\n"), "create", "-f", "-").assertSuccess();
        Eventually.until("a pod on jk8s-sim-2 only", () -> String.join(",", nodesOf("ssd")), "jk8s-sim-2"::equals);
        kubectl.run("label", "node", "jk8s-sim-3", "disk=ssd").assertSuccess();
        Eventually.until("a pod on jk8s-sim-3 too", () -> String.join(",", nodesOf("ssd")), "jk8s-sim-2,jk8s-sim-3"::equals);
        kubectl.run("label", "node", "jk8s-sim-2", "disk-").assertSuccess();
        Eventually.until("the pod on jk8s-sim-2 gone", () -> String.join(",", nodesOf("ssd")), "jk8s-sim-3"::equals);

        kubectl.run("taint", "node", "jk8s-sim-1", "dedicated=db:NoSchedule").assertSuccess();
        kubectl.run("cordon", "jk8s-sim-3").assertSuccess();
        try {
            kubectl.runWithInput(daemonSet("tainted", ""), "create", "-f", "-").assertSuccess();
            // the taint keeps it off jk8s-sim-1; cordoning does not keep it off jk8s-sim-3
            Eventually.until("pods on jk8s-sim-2 and jk8s-sim-3", () -> String.join(",", nodesOf("tainted")),
                    "jk8s-sim-2,jk8s-sim-3"::equals);
            Eventually.until("2 desired", () -> kubectl.run("get", "ds", "tainted").out(),
                    out -> out.lines().anyMatch(l -> l.matches("tainted\\s+2\\s+2\\s+2\\s+2\\s+2\\s+.*")));
        } finally {
            kubectl.run("uncordon", "jk8s-sim-3").assertSuccess();
            kubectl.run("taint", "node", "jk8s-sim-1", "dedicated-").assertSuccess();
        }
    }

    private static List<String> nodesOf(String app) {
        return kubectl.run("get", "pods", "-l", "app=" + app, "-o", "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}")
                .assertSuccess().out().lines().sorted().collect(Collectors.toList());
    }

    /** kube keeps apps/v1's missing spec.templateGeneration in an annotation the server owns. */
    private static String templateGeneration(String daemonSet) {
        return kubectl.run("get", "ds", daemonSet, "-o", "jsonpath={.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}")
                .assertSuccess().out();
    }

    private static String hashes(String app) {
        return kubectl.run("get", "pods", "-l", "app=" + app, "-o",
                "jsonpath={range .items[*]}{.metadata.labels.controller-revision-hash}{\"\\n\"}{end}").assertSuccess().out();
    }

    private static String daemonSet(String name, String podSpecExtra) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %s
                spec:
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                %s      containers:
                      - name: %s
                        image: registry.local/agent:1
                """.formatted(name, name, name, podSpecExtra, name);
    }
}
