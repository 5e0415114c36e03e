package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.testing.Kubectl;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the kubelet did to a pod's containers shows under Events in {@code kubectl describe pod}, as
 * kubelet 1.32 records it: reason, message, the container's field path, and the node as source.
 */
class KubeletEventsOnDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    private final Kubectl kubectl = cluster.kubectl();
    private final String image = cluster.image();

    @Test
    void describeShowsPullsStartsProbeFailuresRestartsBackOffAndAMissingImage() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: eventful}
                spec:
                  terminationGracePeriodSeconds: 1
                  initContainers:
                  - {name: prepare, image: %1$s, imagePullPolicy: Never, command: ["true"]}
                  containers:
                  - name: web
                    image: %1$s
                    imagePullPolicy: Never
                    command: ["httpd", "-f", "-p", "8080", "-h", "/"]
                    livenessProbe:
                      httpGet: {path: /missing, port: 8080}
                      periodSeconds: 1
                      failureThreshold: 2
                  - name: absent
                    image: jk8s-test/absent:1
                    imagePullPolicy: Never
                """.formatted(image), "apply", "-f", "-").assertSuccess();
        String uid = kubectl.run("get", "pod", "eventful", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        List<String> expected = List.of(
                "Normal\\s+Pulled\\s+.*kubelet\\s+Container image \"" + Pattern.quote(image) + "\" already present on machine",
                "Normal\\s+Created\\s+.*kubelet\\s+Created container prepare",
                "Normal\\s+Started\\s+.*kubelet\\s+Started container prepare",
                "Normal\\s+Created\\s+.*kubelet\\s+Created container web",
                "Normal\\s+Started\\s+.*kubelet\\s+Started container web",
                "Warning\\s+Unhealthy\\s+.*kubelet\\s+Liveness probe failed: HTTP probe failed with statuscode: 404",
                "Normal\\s+Killing\\s+.*kubelet\\s+Container web failed liveness probe, will be restarted",
                "Warning\\s+BackOff\\s+.*kubelet\\s+Back-off restarting failed container web in pod eventful_default\\(" + uid + "\\)",
                "Warning\\s+ErrImageNeverPull\\s+.*kubelet\\s+Container image \"jk8s-test/absent:1\" is not present with pull policy of Never",
                "Warning\\s+Failed\\s+.*kubelet\\s+Error: ErrImageNeverPull");
        String described = Eventually.until("every kubelet event in kubectl describe", WAIT,
                () -> kubectl.run("describe", "pod", "eventful").out(),
                out -> expected.stream().allMatch(line -> Pattern.compile("(?m)^\\s+" + line + "$").matcher(out).find()));
        assertTrue(described.contains("Successfully assigned default/eventful to "), described);

        // each about its container, from the node
        String node = kubectl.run("get", "pod", "eventful", "-o", "jsonpath={.spec.nodeName}").out();
        assertEquals("Created spec.initContainers{prepare} kubelet " + node + " " + node + "\n",
                kubectl.run("get", "events", "--field-selector", "involvedObject.name=eventful,reason=Created,involvedObject.fieldPath=spec.initContainers{prepare}",
                        "-o", "custom-columns=R:.reason,F:.involvedObject.fieldPath,C:.source.component,H:.source.host,I:.reportingInstance",
                        "--no-headers").out().replaceAll("\\s+", " ").trim() + "\n");
        // a missing image is retried at every sync, but reported at kubelet's pace (once per 10 s), not at each
        String count = kubectl.run("get", "events", "--field-selector", "involvedObject.name=eventful,reason=ErrImageNeverPull",
                "-o", "jsonpath={.items[0].count}").out();
        assertTrue(Integer.parseInt(count) <= 7, "ErrImageNeverPull repeated " + count + " times:\n" + described);
        kubectl.run("delete", "pod", "eventful", "--wait=false").assertSuccess();
    }

    @Test
    void deletingARunningPodRecordsStoppingItsContainers() {
        kubectl.run("run", "stopped", "--image=" + image, "--image-pull-policy=Never", "--", "sleep", "3600").assertSuccess();
        Eventually.until("Running", WAIT, () -> kubectl.run("get", "pod", "stopped", "--no-headers").out(),
                out -> out.matches("stopped\\s+1/1\\s+Running\\s+.*\\n"));
        kubectl.run("delete", "pod", "stopped", "--grace-period=1").assertSuccess();
        Eventually.until("the Killing event", WAIT, () -> kubectl.run("get", "events", "--field-selector",
                "involvedObject.name=stopped,reason=Killing", "-o", "custom-columns=T:.type,F:.involvedObject.fieldPath,M:.message",
                "--no-headers").out(), out -> out.matches("Normal\\s+spec\\.containers\\{stopped\\}\\s+Stopping container stopped\\n"));
    }

    @Test
    void describeNodeShowsTheKubeletStartingAndTheConditionsItReported() {
        String node = kubectl.run("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}").assertSuccess().out();
        List<String> expected = List.of(
                "Normal\\s+Starting\\s+.*kubelet\\s+Starting kubelet\\.",
                "Normal\\s+NodeAllocatableEnforced\\s+.*kubelet\\s+Updated Node Allocatable limit across pods",
                "Normal\\s+NodeHasSufficientMemory\\s+.*kubelet\\s+Node " + node + " status is now: NodeHasSufficientMemory",
                "Normal\\s+NodeHasNoDiskPressure\\s+.*kubelet\\s+Node " + node + " status is now: NodeHasNoDiskPressure",
                "Normal\\s+NodeHasSufficientPID\\s+.*kubelet\\s+Node " + node + " status is now: NodeHasSufficientPID",
                "Normal\\s+NodeReady\\s+.*kubelet\\s+Node " + node + " status is now: NodeReady");
        Eventually.until("the kubelet's node events in kubectl describe node", WAIT, () -> kubectl.run("describe", "node", node).out(),
                out -> expected.stream().allMatch(line -> Pattern.compile("(?m)^\\s+" + line + "$").matcher(out).find()));
        // as kubelet's, they refer to the node by a uid that is its name
        assertEquals(node + "\n", kubectl.run("get", "events", "--field-selector", "reason=Starting,involvedObject.kind=Node",
                "-o", "jsonpath={.items[0].involvedObject.uid}{\"\\n\"}").out());
    }
}
