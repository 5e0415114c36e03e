package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.SimulatedCluster;
import io.jk8s.testing.Kubectl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The StatefulSet tutorial on three simulated nodes: ordinal pods created one at a time in order,
 * removed highest first, rolled out and back through ControllerRevisions, as kubectl shows it.
 */
class StatefulSetsOnSimulatedNodesTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(3);

    static Kubectl kubectl;

    /** Watch lines: event type, pod name, deletionTimestamp (or empty), Ready condition status. */
    private static final String[] WATCH = {"get", "pods", "-l", "app=nginx", "--watch", "--output-watch-events", "-o",
            "jsonpath={.type} {.object.metadata.name} {.object.metadata.deletionTimestamp} "
                    + "{.object.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}"};

    @BeforeAll
    static void start() {
        kubectl = cluster.kubectl();
    }

    @Test
    void orderedReadyPodsComeUpInOrderAndGoHighestFirst() throws Exception {
        try (Kubectl.Streaming watch = kubectl.stream(WATCH)) {
            Thread.sleep(500);
            assertEquals("statefulset.apps/web created\n", kubectl.runWithInput(statefulSet("web", 3, "OrderedReady"),
                    "create", "-f", "-").assertSuccess().out());
            Map<String, String> ready = new HashMap<>();
            List<String> created = new ArrayList<>();
            while (!"True".equals(ready.get("web-2"))) {
                String[] cells = watch.nextLine(60).split(" ", -1);
                if (cells[0].equals("ADDED")) {
                    created.add(cells[1]);
                    if (!cells[1].equals("web-0")) {
                        String previous = "web-" + (Integer.parseInt(cells[1].substring(4)) - 1);
                        assertEquals("True", ready.get(previous), cells[1] + " created before " + previous + " was Ready");
                    }
                }
                ready.put(cells[1], cells[3]);
            }
            assertEquals(List.of("web-0", "web-1", "web-2"), created);
        }
        assertEquals("partitioned roll out complete: 3 new pods have been updated...\n",
                kubectl.run("rollout", "status", "sts/web", "--timeout=60s").assertSuccess().out());
        String pods = kubectl.run("get", "pods", "-l", "app=nginx", "-L", "statefulset.kubernetes.io/pod-name,apps.kubernetes.io/pod-index")
                .assertSuccess().out();
        for (int i = 0; i < 3; i++) {
            int ordinal = i;
            assertTrue(pods.lines().anyMatch(l -> l.matches("web-" + ordinal + "\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+web-" + ordinal + "\\s+" + ordinal)), pods);
        }
        assertTrue(kubectl.run("get", "pvc", "www-web-0").assertSuccess().out().contains("www-web-0"));
        String events = kubectl.run("describe", "statefulset", "web").assertSuccess().out();
        assertTrue(events.lines().anyMatch(l -> l.matches("\\s+Normal\\s+SuccessfulCreate\\s+\\S+\\s+statefulset-controller\\s+"
                + "create Pod web-2 in StatefulSet web successful")), events);

        try (Kubectl.Streaming watch = kubectl.stream(WATCH)) {
            for (int i = 0; i < 3; i++) {
                watch.nextLine(30); // the three pods as they are
            }
            kubectl.run("scale", "statefulset", "web", "--replicas=1").assertSuccess();
            List<String> order = new ArrayList<>();
            while (!order.contains("DELETED web-1")) {
                String[] cells = watch.nextLine(60).split(" ", -1);
                if (cells[0].equals("DELETED") || !cells[2].isEmpty()) {
                    String step = (cells[0].equals("DELETED") ? "DELETED " : "terminating ") + cells[1];
                    if (!order.contains(step)) {
                        order.add(step);
                    }
                }
            }
            assertEquals(List.of("terminating web-2", "DELETED web-2", "terminating web-1", "DELETED web-1"), order);
        }
        assertTrue(kubectl.run("describe", "statefulset", "web").assertSuccess().out().contains("delete Pod web-2 in StatefulSet web successful"));
    }

    @Test
    void aRollingUpdateReplacesPodsAndCanBeUndone() {
        kubectl.runWithInput(statefulSet("db", 3, "Parallel"), "create", "-f", "-").assertSuccess();
        kubectl.run("rollout", "status", "sts/db", "--timeout=60s").assertSuccess();
        String first = revisionOf("db-0");
        assertTrue(first.matches("db-[bcdfghjklmnpqrstvwxz2456789]+"), first);
        kubectl.run("set", "image", "sts/db", "nginx=registry.local/nginx:2").assertSuccess();
        assertTrue(kubectl.run("rollout", "status", "sts/db", "--timeout=60s").assertSuccess().out()
                .endsWith("partitioned roll out complete: 3 new pods have been updated...\n"));
        String second = revisionOf("db-0");
        assertTrue(!second.equals(first) && revisionOf("db-2").equals(second), second);
        String revisions = kubectl.run("get", "controllerrevisions").assertSuccess().out();
        assertTrue(revisions.lines().anyMatch(l -> l.matches(first + "\\s+statefulset.apps/db\\s+1\\s+\\S+")), revisions);
        assertTrue(revisions.lines().anyMatch(l -> l.matches(second + "\\s+statefulset.apps/db\\s+2\\s+\\S+")), revisions);
        String history = kubectl.run("rollout", "history", "sts/db").assertSuccess().out();
        assertTrue(history.lines().anyMatch(l -> l.matches("1\\s+<none>")) && history.lines().anyMatch(l -> l.matches("2\\s+<none>")), history);

        assertEquals("statefulset.apps/db rolled back\n", kubectl.run("rollout", "undo", "sts/db").assertSuccess().out());
        kubectl.run("rollout", "status", "sts/db", "--timeout=60s").assertSuccess();
        Eventually.until("pods back at the first revision", () -> kubectl.run("get", "pods", "-l", "app=db", "-o",
                "jsonpath={range .items[*]}{.metadata.labels.controller-revision-hash}{\"\\n\"}{end}").out(),
                out -> out.lines().count() == 3 && out.lines().allMatch(first::equals));
        assertEquals("registry.local/nginx:1", kubectl.run("get", "pod", "db-1", "-o", "jsonpath={.spec.containers[0].image}").out());
        assertEquals("3", kubectl.run("get", "controllerrevision", first, "-o", "jsonpath={.revision}").out());
        String status = kubectl.run("get", "sts", "db", "-o",
                "jsonpath={.status.replicas} {.status.readyReplicas} {.status.currentReplicas} {.status.updatedReplicas} "
                        + "{.status.currentRevision} {.status.updateRevision}").out();
        assertEquals("3 3 3 3 " + first + " " + first, status);
    }

    @Test
    void aPartitionKeepsLowerOrdinalsAtTheOldRevision() {
        kubectl.runWithInput(statefulSet("part", 3, "OrderedReady"), "create", "-f", "-").assertSuccess();
        kubectl.run("rollout", "status", "sts/part", "--timeout=60s").assertSuccess();
        String old = revisionOf("part-0");
        kubectl.run("patch", "sts", "part", "-p", "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":2}}}}").assertSuccess();
        kubectl.run("set", "image", "sts/part", "nginx=registry.local/nginx:2").assertSuccess();
        assertTrue(kubectl.run("rollout", "status", "sts/part", "--timeout=60s").assertSuccess().out()
                .endsWith("partitioned roll out complete: 1 new pods have been updated...\n"));
        Eventually.until("part-2 updated", () -> revisionOf("part-2"), rev -> !rev.equals(old));
        assertEquals(old, revisionOf("part-0"));
        assertEquals(old, revisionOf("part-1"));
    }

    private static String revisionOf(String pod) {
        return kubectl.run("get", "pod", pod, "-o", "jsonpath={.metadata.labels.controller-revision-hash}").out();
    }

    private static String statefulSet(String name, int replicas, String policy) {
        String app = name.equals("web") ? "nginx" : name;
        return """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: %s
                spec:
                  serviceName: %s
                  replicas: %d
                  podManagementPolicy: %s
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      containers:
                      - name: nginx
                        image: registry.local/nginx:1
                  volumeClaimTemplates:
                  - metadata:
                      name: www
                    spec:
                      accessModes: ["ReadWriteOnce"]
                      resources:
                        requests:
                          storage: 1Gi
                """.formatted(name, app, replicas, policy, app, app);
    }
}
