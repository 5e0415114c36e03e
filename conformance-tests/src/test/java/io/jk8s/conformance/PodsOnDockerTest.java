package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.Http;
import io.jk8s.testing.Kubectl;
import io.jk8s.conformance.support.LocalDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pods run for real: {@code jk8s server --node docker} registers this machine as a node and its
 * kubelet runs the pods' containers on the local Docker engine, as kubectl and docker show.
 */
class PodsOnDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    private final Kubectl kubectl = cluster.kubectl();
    private final String image = cluster.image();

    @Test
    void aTwoContainerPodRunsServesOnItsIpAndIsRemovedOnDelete() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: httpd
                    image: %1$s
                    command: ["sh", "-c", "echo served-by-jk8s > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: [{containerPort: 8080}]
                  - name: sleeper
                    image: %1$s
                    command: ["sleep", "3600"]
                """.formatted(image), "apply", "-f", "-").assertSuccess();
        long created = System.nanoTime();
        String line = Eventually.until("2/2 Running", WAIT, () -> kubectl.run("get", "pod", "web", "-o", "wide", "--no-headers").out(),
                out -> out.matches("(?s)web\\s+2/2\\s+Running\\s+0\\s+.*"));
        System.out.printf("pod web: created to 2/2 Running in %d ms%n", (System.nanoTime() - created) / 1_000_000);
        String ip = line.trim().split("\\s+")[5];
        assertTrue(ip.startsWith("10.244."), line);
        // the pod IP is the sandbox's on the jk8s Docker network, which this host routes to
        assertEquals("served-by-jk8s\n", Http.get("http://" + ip + ":8080/"), line);
        String uid = kubectl.run("get", "pod", "web", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        assertEquals(3, LocalDocker.containersOfPod(uid).size(), "sandbox + 2 containers");
        assertEquals("pod \"web\" deleted\n", kubectl.run("delete", "pod", "web").assertSuccess().out());
        Eventually.until("no containers of the pod", WAIT, () -> String.join("\n", LocalDocker.containersOfPod(uid)), String::isEmpty);
    }

    @Test
    void aContainerThatExitsThreeUnderRestartPolicyNeverFailsThePod() {
        kubectl.run("run", "exit3", "--image=" + image, "--restart=Never", "--", "sh", "-c", "exit 3").assertSuccess();
        Eventually.until("Error", WAIT, () -> kubectl.run("get", "pod", "exit3", "--no-headers").out(),
                out -> out.matches("exit3\\s+0/1\\s+Error\\s+0\\s+\\S+\\n"));
        assertEquals("Failed 3 Error", kubectl.run("get", "pod", "exit3", "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode} "
                        + "{.status.containerStatuses[0].state.terminated.reason}").assertSuccess().out());
    }

    @Test
    void aCrashingContainerIsRestartedWithBackOff() {
        kubectl.run("run", "crasher", "--image=" + image, "--", "sh", "-c", "echo going down; exit 1").assertSuccess();
        Eventually.until("CrashLoopBackOff with restarts", WAIT, () -> kubectl.run("get", "pod", "crasher", "--no-headers").out(),
                out -> out.matches("crasher\\s+0/1\\s+CrashLoopBackOff\\s+[1-9]\\d* \\(\\S+ ago\\)\\s+\\S+\\n"));
        String waiting = kubectl.run("get", "pod", "crasher", "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].lastState.terminated.exitCode} "
                        + "{.status.containerStatuses[0].state.waiting.message}").assertSuccess().out();
        assertTrue(waiting.matches("Running 1 back-off \\d+s restarting failed container=crasher pod=crasher_default\\(\\S+\\)"), waiting);
    }

    @Test
    void anImageThatIsNotThereWithPullPolicyNeverWaits() {
        kubectl.run("run", "missing", "--image=jk8s-test/not-there:1", "--image-pull-policy=Never").assertSuccess();
        Eventually.until("ErrImageNeverPull", WAIT, () -> kubectl.run("get", "pod", "missing", "--no-headers").out(),
                out -> out.matches("missing\\s+0/1\\s+ErrImageNeverPull\\s+0\\s+\\S+\\n"));
        assertEquals("Pending Container image \"jk8s-test/not-there:1\" is not present with pull policy of Never",
                kubectl.run("get", "pod", "missing", "-o",
                        "jsonpath={.status.phase} {.status.containerStatuses[0].state.waiting.message}").assertSuccess().out());
    }

    @Test
    void aRestartedServerAdoptsRunningContainersInsteadOfRecreatingThem() {
        kubectl.run("run", "survivor", "--image=" + image, "--", "sleep", "3600").assertSuccess();
        Eventually.until("Running", WAIT, () -> kubectl.run("get", "pod", "survivor", "--no-headers").out(),
                out -> out.matches("survivor\\s+1/1\\s+Running\\s+0\\s+\\S+\\n"));
        String before = kubectl.run("get", "pod", "survivor", "-o", "jsonpath={.status.containerStatuses[0].containerID}").out();
        cluster.server().restart();
        Eventually.until("a Ready node again", WAIT, () -> kubectl.run("get", "nodes").out(), out -> out.contains(" Ready "));
        Eventually.until("the same container, not restarted", WAIT, () -> kubectl.run("get", "pod", "survivor", "-o",
                "jsonpath={.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount} {.status.phase}").out(),
                out -> out.equals(before + " 0 Running"));
    }

    @Test
    void aManifestInTheDataDirsManifestsRunsAsAStaticPodOfTheServersNode() throws IOException {
        String node = kubectl.run("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}").assertSuccess().out();
        // the default --pod-manifest-dir; it does not exist until a user creates it, and is looked for every 20 s
        Path manifests = Files.createDirectories(cluster.server().kubeconfig().getParent().resolve("manifests"));
        Path manifest = Files.writeString(manifests.resolve("static-web.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: static-web}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: httpd
                    image: %s
                    command: ["sh", "-c", "echo static > /www/index.html && exec httpd -f -p 8080 -h /www"]
                """.formatted(image));
        String line = Eventually.until("the static pod Running", WAIT, () -> kubectl.run("get", "pod", "static-web-" + node, "-o", "wide",
                "--no-headers").out(), out -> out.matches("(?s)static-web-" + node + "\\s+1/1\\s+Running\\s+0\\s+.*"));
        assertEquals("static\n", Http.get("http://" + line.trim().split("\\s+")[5] + ":8080/"), line);
        String hash = kubectl.run("get", "pod", "static-web-" + node, "-o",
                "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.mirror}").assertSuccess().out();
        assertTrue(hash.matches("[0-9a-f]{32}"), hash);
        Files.delete(manifest);
        Eventually.until("the static pod's containers gone", WAIT, () -> String.join("\n", LocalDocker.containersOfPod(hash)),
                String::isEmpty);
        Eventually.until("the mirror pod gone", WAIT, () -> kubectl.run("get", "pod", "static-web-" + node, "--ignore-not-found").out(),
                String::isEmpty);
    }

    @Test
    void anInitContainerFillsAnEmptyDirThatTheAppContainerServes() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: initialized}
                spec:
                  terminationGracePeriodSeconds: 1
                  volumes: [{name: content, emptyDir: {}}]
                  initContainers:
                  - name: fill
                    image: %1$s
                    command: ["sh", "-c", "echo filled-by-init > /content/index.html"]
                    volumeMounts: [{name: content, mountPath: /content}]
                  containers:
                  - name: serve
                    image: %1$s
                    command: ["httpd", "-f", "-p", "8080", "-h", "/srv"]
                    volumeMounts: [{name: content, mountPath: /srv, readOnly: true}]
                """.formatted(image), "apply", "-f", "-").assertSuccess();
        String line = Eventually.until("Running after init", WAIT, () -> kubectl.run("get", "pod", "initialized", "-o", "wide",
                "--no-headers").out(), out -> out.matches("(?s)initialized\\s+1/1\\s+Running\\s+0\\s+.*"));
        assertEquals("0 Completed True", kubectl.run("get", "pod", "initialized", "-o",
                "jsonpath={.status.initContainerStatuses[0].state.terminated.exitCode} "
                        + "{.status.initContainerStatuses[0].state.terminated.reason} "
                        + "{.status.conditions[?(@.type==\"Initialized\")].status}").assertSuccess().out());
        assertEquals("filled-by-init\n", Http.get("http://" + line.trim().split("\\s+")[5] + ":8080/"));
    }
}
