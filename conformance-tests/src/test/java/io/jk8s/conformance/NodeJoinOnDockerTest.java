package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.Jk8sNode;
import io.jk8s.conformance.support.JoinedNodeCluster;
import io.jk8s.conformance.support.LocalDocker;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jk8s node}: a kubelet in its own process joins a control plane started with
 * {@code --node none}, knowing it only by its kubeconfig, and runs the pods scheduled to it on the
 * local Docker engine, as kubectl and docker show.
 */
class NodeJoinOnDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final JoinedNodeCluster cluster = new JoinedNodeCluster("worker-a");

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void aPodIsScheduledToTheJoinedNodeAndSurvivesTheNodeProcessBeingKilledAndRestarted() {
        String nodeLine = kubectl.run("get", "nodes", "-o", "wide", "--no-headers").assertSuccess().out();
        assertTrue(nodeLine.matches("worker-a\\s+Ready\\s+<none>\\s+\\S+\\s+v1\\.32\\.4-jk8s\\s+127\\.0\\.0\\.1\\s+.*docker://\\S+\\n"), nodeLine);
        kubectl.run("run", "remote", "--image=" + cluster.image(), "--image-pull-policy=Never", "--", "sleep", "3600").assertSuccess();
        Eventually.until("Running on worker-a", WAIT, () -> kubectl.run("get", "pod", "remote", "-o", "wide", "--no-headers").out(),
                out -> out.matches("remote\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.244\\.\\S+\\s+worker-a\\s+.*\\n"));
        String uid = kubectl.run("get", "pod", "remote", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        String before = kubectl.run("get", "pod", "remote", "-o", "jsonpath={.status.containerStatuses[0].containerID}").out();
        List<String> containers = LocalDocker.containersOfPod(uid);
        assertEquals(2, containers.size(), "sandbox + container: " + containers);
        String bootBefore = bootId();

        cluster.node().kill9();
        cluster.node().restart();

        // the new kubelet registered (a fresh bootID) and has relisted the runtime since
        Eventually.until("the restarted node registered", WAIT, this::bootId, boot -> !boot.isEmpty() && !boot.equals(bootBefore));
        cluster.awaitReady();
        sleep(Duration.ofSeconds(5));
        assertEquals(before + " 0 Running", kubectl.run("get", "pod", "remote", "-o",
                "jsonpath={.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount} {.status.phase}")
                .assertSuccess().out());
        assertEquals(containers, LocalDocker.containersOfPod(uid), "the same containers, adopted, none recreated");
        assertEquals("pod \"remote\" deleted\n", kubectl.run("delete", "pod", "remote", "--grace-period=1").assertSuccess().out());
        Eventually.until("no containers of the pod", WAIT, () -> String.join("\n", LocalDocker.containersOfPod(uid)), String::isEmpty);
    }

    @Test
    void sigtermStopsTheNodeButLeavesItsContainersRunning() {
        kubectl.run("run", "keeper", "--image=" + cluster.image(), "--image-pull-policy=Never", "--", "sleep", "3600").assertSuccess();
        Eventually.until("Running", WAIT, () -> kubectl.run("get", "pod", "keeper", "--no-headers").out(),
                out -> out.matches("keeper\\s+1/1\\s+Running\\s+0\\s+\\S+\\n"));
        String uid = kubectl.run("get", "pod", "keeper", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        Duration stop = cluster.node().stop();
        System.out.printf("jk8s node: SIGTERM to exit in %d ms%n", stop.toMillis());
        assertTrue(stop.compareTo(Duration.ofSeconds(10)) < 0, "exit took " + stop);
        assertEquals(2, LocalDocker.containersOfPod(uid).size(), "a stopped kubelet leaves its pods' containers alone");
        cluster.node().restart();
        cluster.awaitReady();
        kubectl.run("delete", "pod", "keeper", "--grace-period=1").assertSuccess();
        Eventually.until("no containers of the pod", WAIT, () -> String.join("\n", LocalDocker.containersOfPod(uid)), String::isEmpty);
    }

    @Test
    void aSimulatedNodeJoinsBesideAndMovesItsPodsThroughTheirStatuses() throws IOException {
        try (Jk8sNode simulated = Jk8sNode.start(cluster.work().resolve("sim-b"), "--kubeconfig",
                cluster.server().kubeconfig().toString(), "--name", "sim-b", "--runtime", "simulated")) {
            Eventually.until("sim-b Ready", WAIT, () -> kubectl.run("get", "node", "sim-b", "-o", "wide", "--no-headers").out(),
                    out -> out.matches("sim-b\\s+Ready\\s+<none>\\s+.*simulated://1\\.0\\n"));
            kubectl.runWithInput("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: pinned}
                    spec:
                      nodeName: sim-b
                      containers: [{name: app, image: not-pulled-by-a-simulated-node:1}]
                    """, "apply", "-f", "-").assertSuccess();
            Eventually.until("Running on sim-b", WAIT, () -> kubectl.run("get", "pod", "pinned", "-o", "wide", "--no-headers").out(),
                    out -> out.matches("pinned\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.245\\.\\d+\\.\\d+\\s+sim-b\\s+.*\\n"));
            kubectl.run("delete", "pod", "pinned").assertSuccess();
        } finally {
            // no later pod may be scheduled to a node that is gone
            kubectl.run("delete", "node", "sim-b", "--ignore-not-found").assertSuccess();
        }
    }

    @Test
    void aMissingKubeconfigOrAnApiThatDoesNotAnswerIsAnErrorExit() throws IOException {
        Path dir = Files.createDirectories(cluster.work().resolve("refused"));
        Jk8sNode.Ended missing = Jk8sNode.runToExit(dir, "--kubeconfig", dir.resolve("absent").toString(), "--name", "worker-x");
        assertEquals(1, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("--kubeconfig " + dir.resolve("absent") + ": no such readable file"), missing.output());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path unreachable = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "http://127.0.0.1:%d"}}]
                contexts: [{name: gone, context: {cluster: gone}}]
                current-context: gone
                """.formatted(closedPort));
        Jk8sNode.Ended down = Jk8sNode.runToExit(dir, "--kubeconfig", unreachable.toString(), "--name", "worker-x");
        assertEquals(1, down.exitCode(), down.output());
        assertTrue(down.output().contains("the API server http://127.0.0.1:" + closedPort + "/ (from " + unreachable
                + ") does not answer: java.net.ConnectException: Connection refused"), down.output());
        assertEquals("", kubectl.run("get", "nodes", "worker-x", "--ignore-not-found").assertSuccess().out(), "nothing registered");
    }

    private String bootId() {
        return kubectl.run("get", "node", cluster.nodeName(), "-o", "jsonpath={.status.nodeInfo.bootID}").out();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
