package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.SimulatedCluster;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Events sections of kubectl describe and kubectl get events, in the controllers' and scheduler's words. */
class EventsOnSimulatedNodesTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(3);

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void aDeploymentsScalingAndItsPodsSchedulingShowAsEvents() {
        kubectl.run("create", "deployment", "ev", "--image=registry.local/ev:1", "--replicas=3").assertSuccess();
        kubectl.run("rollout", "status", "deployment/ev", "--timeout=60s").assertSuccess();
        kubectl.run("scale", "deployment/ev", "--replicas=1").assertSuccess();
        String rs = kubectl.run("get", "rs", "-l", "app=ev", "-o", "jsonpath={.items[0].metadata.name}").assertSuccess().out();
        Eventually.until("scaling events", () -> kubectl.run("describe", "deployment", "ev").out(),
                out -> out.lines().anyMatch(l -> l.matches("\\s+Normal\\s+ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+"
                        + "Scaled up replica set " + rs + " from 0 to 3"))
                        && out.lines().anyMatch(l -> l.matches("\\s+Normal\\s+ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+"
                        + "Scaled down replica set " + rs + " from 3 to 1")));
        Eventually.until("pod events of the replica set", () -> kubectl.run("describe", "rs", rs).out(),
                out -> out.lines().filter(l -> l.matches("\\s+Normal\\s+SuccessfulCreate\\s+\\S+\\s+replicaset-controller\\s+Created pod: "
                        + rs + "-\\w+")).count() == 3
                        && out.lines().filter(l -> l.matches("\\s+Normal\\s+SuccessfulDelete\\s+\\S+\\s+replicaset-controller\\s+Deleted pod: "
                        + rs + "-\\w+")).count() == 2);
        String pod = kubectl.run("get", "pods", "-l", "app=ev", "-o", "jsonpath={.items[0].metadata.name}").assertSuccess().out();
        Eventually.until("Scheduled", () -> kubectl.run("describe", "pod", pod).out(),
                out -> out.lines().anyMatch(l -> l.matches("\\s+Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+"
                        + "Successfully assigned default/" + pod + " to jk8s-sim-\\d")));
        String events = kubectl.run("get", "events").assertSuccess().out();
        assertTrue(events.lines().findFirst().orElse("").matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE"), events);
        assertTrue(events.lines().anyMatch(l -> l.matches("\\S+\\s+Normal\\s+Scheduled\\s+pod/" + pod + "\\s+Successfully assigned .*")), events);
        assertTrue(events.lines().anyMatch(l -> l.matches("\\S+\\s+Normal\\s+ScalingReplicaSet\\s+deployment/ev\\s+Scaled up .*")), events);
    }

    @Test
    void repeatedSchedulingFailuresAreCountedOnOneEvent() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: huge
                spec:
                  containers:
                  - name: app
                    image: registry.local/app:1
                    resources:
                      requests:
                        cpu: "64"
                """, "create", "-f", "-").assertSuccess();
        String failed = "0/3 nodes are available: 3 Insufficient cpu\\. "
                + "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod\\.";
        Eventually.until("a FailedScheduling", () -> kubectl.run("describe", "pod", "huge").out(),
                out -> out.lines().anyMatch(l -> l.matches("\\s+Warning\\s+FailedScheduling\\s+\\S+\\s+default-scheduler\\s+" + failed)));
        // the scheduler retries an unschedulable pod when the cluster changes in a way that may help it, as kube's does
        kubectl.run("label", "node", "jk8s-sim-1", "events-test=retry").assertSuccess();
        Eventually.until("an aggregated FailedScheduling", () -> kubectl.run("describe", "pod", "huge").out(),
                out -> out.lines().anyMatch(l -> l.matches("\\s+Warning\\s+FailedScheduling\\s+\\S+ \\(x2 over \\S+\\)\\s+default-scheduler\\s+"
                        + failed)));
        String names = kubectl.run("get", "events", "--field-selector", "involvedObject.name=huge,reason=FailedScheduling", "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.count}{\"\\n\"}{end}").assertSuccess().out();
        assertTrue(names.lines().count() == 1 && names.matches("huge\\.[0-9a-f]+ \\d+\\n"), names);
    }

    @Test
    void aJobRecordsItsPodAndItsCompletion() {
        kubectl.run("create", "job", "done", "--image=registry.local/busybox:1", "--", "true").assertSuccess();
        kubectl.run("wait", "--for=condition=complete", "job/done", "--timeout=60s").assertSuccess();
        Eventually.until("job events", () -> kubectl.run("describe", "job", "done").out(),
                out -> out.lines().anyMatch(l -> l.matches("\\s+Normal\\s+SuccessfulCreate\\s+\\S+\\s+job-controller\\s+Created pod: done-\\w+"))
                        && out.lines().anyMatch(l -> l.matches("\\s+Normal\\s+Completed\\s+\\S+\\s+job-controller\\s+Job completed")));
    }
}
