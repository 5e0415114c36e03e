package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.Http;
import io.jk8s.conformance.support.JoinedNodeCluster;
import io.jk8s.conformance.support.LocalDocker;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Static pods: the kubelet runs the Pod manifests of its {@code --pod-manifest-dir} without the
 * scheduler or any API object, and shows each in the API as a mirror pod named
 * {@code <name>-<node>}, which kubectl can read and delete but not stop.
 */
class StaticPodsOnDockerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final JoinedNodeCluster cluster = new JoinedNodeCluster("worker-s");

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void aManifestRunsAsAStaticPodWithAMirrorThatComesBackWhenDeletedIsReplacedWhenEditedAndGoesWithTheFile() throws IOException {
        Path manifest = Files.writeString(cluster.manifests().resolve("web.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {app: static-web}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: httpd
                    image: %s
                    imagePullPolicy: Never
                    command: ["sh", "-c", "echo started static web; echo static > /www/index.html && exec httpd -f -p 8080 -h /www"]
                """.formatted(cluster.image()));
        long written = System.nanoTime();
        String line = Eventually.until("the mirror pod Running", WAIT,
                () -> kubectl.run("get", "pod", "web-worker-s", "-o", "wide", "--no-headers").out(),
                out -> out.matches("web-worker-s\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.244\\.\\S+\\s+worker-s\\s+.*\\n"));
        System.out.printf("static pod web: manifest written to mirror pod 1/1 Running in %d ms%n", (System.nanoTime() - written) / 1_000_000);
        assertEquals("static\n", Http.get("http://" + line.trim().split("\\s+")[5] + ":8080/"), line);

        String hash = kubectl.run("get", "pod", "web-worker-s", "-o",
                "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.hash}").assertSuccess().out();
        assertTrue(hash.matches("[0-9a-f]{32}"), hash);
        assertEquals(hash + " " + hash + " file", kubectl.run("get", "pod", "web-worker-s", "-o",
                "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.mirror} {.metadata.annotations.kubernetes\\.io/config\\.hash} "
                        + "{.metadata.annotations.kubernetes\\.io/config\\.source}").out());
        assertTrue(kubectl.run("get", "pod", "web-worker-s", "-o", "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.seen}")
                .out().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"));
        String nodeUid = kubectl.run("get", "node", "worker-s", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        assertEquals("v1 Node worker-s " + nodeUid + " true", kubectl.run("get", "pod", "web-worker-s", "-o",
                "jsonpath={.metadata.ownerReferences[0].apiVersion} {.metadata.ownerReferences[0].kind} "
                        + "{.metadata.ownerReferences[0].name} {.metadata.ownerReferences[0].uid} {.metadata.ownerReferences[0].controller}")
                .out());
        // the containers belong to the static pod (its uid is the hash), not to the API object
        assertEquals(2, LocalDocker.containersOfPod(hash).size(), "sandbox + httpd");
        assertEquals("started static web\n", kubectl.run("logs", "web-worker-s").assertSuccess().out());

        String containerId = kubectl.run("get", "pod", "web-worker-s", "-o", "jsonpath={.status.containerStatuses[0].containerID}").out();
        // several rounds: kubectl delete's wait once raced with a mirror recreated too soon (see MirrorClient)
        for (int round = 0; round < 3; round++) {
            String mirrorUid = kubectl.run("get", "pod", "web-worker-s", "-o", "jsonpath={.metadata.uid}").out();
            assertEquals("pod \"web-worker-s\" deleted\n", kubectl.run("delete", "pod", "web-worker-s", "--timeout=20s").assertSuccess().out());
            String again = Eventually.until("a new mirror pod of the same, still running static pod", WAIT, () -> kubectl.run("get", "pod",
                    "web-worker-s", "-o", "jsonpath={.metadata.uid} {.status.containerStatuses[0].containerID} "
                            + "{.status.containerStatuses[0].restartCount} {.status.phase}").out(),
                    out -> out.matches("\\S+ " + containerId + " 0 Running") && !out.startsWith(mirrorUid));
            assertNotEquals(mirrorUid, again.split(" ")[0]);
        }

        // an edited manifest is a new static pod: the old one's containers go, the mirror is replaced
        Files.writeString(manifest, Files.readString(manifest).replace("echo static >", "echo edited >"));
        String edited = Eventually.until("the edited pod Running under a new hash", WAIT, () -> kubectl.run("get", "pod", "web-worker-s",
                "-o", "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.mirror} {.status.phase} {.status.podIP}").out(),
                out -> out.matches("[0-9a-f]{32} Running \\S+") && !out.startsWith(hash));
        Eventually.until("the old static pod's containers gone", WAIT, () -> String.join("\n", LocalDocker.containersOfPod(hash)),
                String::isEmpty);
        assertEquals("edited\n", Http.get("http://" + edited.split(" ")[2] + ":8080/"), edited);
        String newHash = edited.split(" ")[0];

        Files.delete(manifest);
        Eventually.until("the mirror pod gone", WAIT, () -> kubectl.run("get", "pod", "web-worker-s").err(),
                err -> err.equals("Error from server (NotFound): pods \"web-worker-s\" not found\n"));
        Eventually.until("the static pod's containers gone", WAIT, () -> String.join("\n", LocalDocker.containersOfPod(newHash)),
                String::isEmpty);
    }

    @Test
    void aJsonManifestKeepsItsNamespaceHiddenFilesAreIgnoredAndApiPodsRunBeside() throws IOException {
        Files.writeString(cluster.manifests().resolve("sleeper.json"), """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "sleeper", "namespace": "kube-system"},
                 "spec": {"terminationGracePeriodSeconds": 1,
                          "containers": [{"name": "sleep", "image": "%s", "imagePullPolicy": "Never", "command": ["sleep", "3600"]}]}}
                """.formatted(cluster.image()));
        Files.writeString(cluster.manifests().resolve(".ignored.yaml"), "not: a pod");
        Eventually.until("the JSON manifest's mirror pod Running in its namespace", WAIT,
                () -> kubectl.run("get", "pods", "-A", "--no-headers").out(),
                out -> out.matches("kube-system\\s+sleeper-worker-s\\s+1/1\\s+Running\\s+0\\s+\\S+\\n"));
        kubectl.run("run", "regular", "--image=" + cluster.image(), "--image-pull-policy=Never", "--", "sleep", "3600").assertSuccess();
        Eventually.until("both Running", WAIT, () -> kubectl.run("get", "pods", "-A", "--no-headers").out(),
                out -> out.matches("default\\s+regular\\s+1/1\\s+Running\\s+0\\s+\\S+\\n"
                        + "kube-system\\s+sleeper-worker-s\\s+1/1\\s+Running\\s+0\\s+\\S+\\n"));
        kubectl.run("delete", "pod", "regular", "--grace-period=1").assertSuccess();
    }
}
