package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.KubectlTerminal;
import io.jk8s.conformance.support.LocalDocker;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl debug} with ephemeral containers on real Docker: the debug container runs once in
 * the pod (its network, and with --target the target's processes), is reported in
 * ephemeralContainerStatuses, and its output is there for attach and {@code kubectl logs -c}.
 */
class EphemeralContainersOnDockerTest {

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    static Kubectl kubectl;
    static String image;

    @BeforeAll
    static void start() {
        kubectl = cluster.kubectl();
        image = cluster.image();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: debuggee}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: %s
                    imagePullPolicy: Never
                    command: ["sh", "-c", "echo served-from-the-pod > /tmp/index.html && exec httpd -f -p 8080 -h /tmp"]
                """.formatted(image), "apply", "-f", "-").assertSuccess();
        kubectl.run("wait", "--for=condition=Ready", "pod/debuggee", "--timeout=60s").assertSuccess();
    }

    @Test
    void interactiveDebugWithATargetSeesTheTargetsProcesses() throws IOException, InterruptedException {
        assumeTrue(KubectlTerminal.available(), "script(1) is needed to give kubectl a terminal");
        // -it attaches once the container runs; the sleep keeps it running past the attach, and the
        // terminal's open input keeps the attach open until the container exits
        KubectlTerminal.Session session = KubectlTerminal.run(cluster.server().kubeconfig(), "debug", "debuggee", "-it",
                "--image=" + image, "--image-pull-policy=Never", "--target=web", "-c", "peek", "--", "sh", "-c", "'sleep 2; ps'");
        String seen = session.output();
        assertEquals(0, session.exitCode(), seen);
        assertTrue(seen.contains("httpd -f -p 8080 -h /tmp"), seen);
        assertTrue(seen.contains("Session ended, the ephemeral container will not be restarted"), seen);

        assertTrue(kubectl.run("logs", "debuggee", "-c", "peek").assertSuccess().out().contains("httpd -f -p 8080"));
        String state = Eventually.until("the ephemeral container's terminated state", () -> kubectl.run("get", "pod", "debuggee",
                "-o", "jsonpath={.status.ephemeralContainerStatuses[?(@.name==\"peek\")].state}").out(),
                out -> out.contains("\"terminated\""));
        assertTrue(state.contains("\"exitCode\":0") && state.contains("\"reason\":\"Completed\""), state);
        assertEquals("false docker://", kubectl.run("get", "pod", "debuggee", "-o",
                "jsonpath={.status.ephemeralContainerStatuses[?(@.name==\"peek\")].ready} "
                        + "{.status.ephemeralContainerStatuses[?(@.name==\"peek\")].containerID}").out().substring(0, 15));
    }

    @Test
    void debugContainerSharesThePodsNetworkAndRunsOnlyOnce() throws InterruptedException {
        kubectl.run("debug", "debuggee", "--image=" + image, "--image-pull-policy=Never", "-c", "fetch", "--",
                "sh", "-c", "wget -qO- http://127.0.0.1:8080/; exit 3").assertSuccess();
        String logs = Eventually.until("the debug container's output", () -> kubectl.run("logs", "debuggee", "-c", "fetch").out(),
                out -> out.contains("served-from-the-pod"));
        assertEquals("served-from-the-pod\n", logs);
        String state = Eventually.until("the failed debug container reported", () -> kubectl.run("get", "pod", "debuggee", "-o",
                "jsonpath={.status.ephemeralContainerStatuses[?(@.name==\"fetch\")].state.terminated.exitCode}").out(),
                out -> !out.isEmpty());
        assertEquals("3", state);

        // an ephemeral container is never restarted, whatever the pod's restartPolicy (Always here)
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        String uid = kubectl.run("get", "pod", "debuggee", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        assertEquals(1, LocalDocker.containersOfPod(uid).stream().filter(n -> n.startsWith("k8s_fetch_")).count());
        assertEquals("0", kubectl.run("get", "pod", "debuggee", "-o",
                "jsonpath={.status.ephemeralContainerStatuses[?(@.name==\"fetch\")].restartCount}").out());
        assertEquals("Running", kubectl.run("get", "pod", "debuggee", "-o", "jsonpath={.status.phase}").out());

        String events = kubectl.run("get", "events", "--field-selector",
                "involvedObject.name=debuggee,reason=Started,involvedObject.fieldPath=spec.ephemeralContainers{fetch}",
                "-o", "jsonpath={.items[*].message}").assertSuccess().out();
        assertEquals("Started container fetch", events);
    }

    @Test
    void aMissingTargetIsRefusedByTheApiServer() {
        Kubectl.Result debug = kubectl.run("debug", "debuggee", "--image=" + image, "--image-pull-policy=Never",
                "--target=nope", "--", "true");
        assertEquals(1, debug.exitCode(), debug.out());
        assertTrue(debug.err().contains("The Pod \"debuggee\" is invalid: spec.ephemeralContainers["), debug.err());
        assertTrue(debug.err().contains("].targetContainerName: Not found: \"nope\""), debug.err());
    }
}
