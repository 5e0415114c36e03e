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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    void manifestsRemovedOrEditedWhileTheNodeIsDownAreStoppedOrReplacedAtRestartAndTheOtherPodsAdopted() throws IOException {
        Path kept = writeSleeper("kept");
        Path dropped = writeSleeper("dropped");
        Path changed = writeSleeper("changed");
        kubectl.run("run", "bystander", "--image=" + cluster.image(), "--image-pull-policy=Never", "--", "sleep", "3600").assertSuccess();
        String[] pods = {"kept-worker-s", "dropped-worker-s", "changed-worker-s", "bystander"};
        Eventually.until("the three mirror pods and the API pod Running", WAIT, () -> shown(pods),
                out -> out.lines().filter(l -> l.matches("\\S+ \\S+ Running 0 docker://\\S+ [0-9a-f]*")).count() == 4);
        String keptHash = hash("kept-worker-s");
        String droppedHash = hash("dropped-worker-s");
        String changedHash = hash("changed-worker-s");
        String adopted = shown("kept-worker-s", "bystander");
        List<String> keptContainers = LocalDocker.containersOfPod(keptHash);
        assertEquals(2, keptContainers.size(), "sandbox + sleep: " + keptContainers);
        try {
            cluster.node().kill9();
            Files.delete(dropped);
            Files.writeString(changed, Files.readString(changed).replace("\"3600\"", "\"3601\""));
            cluster.node().restart();
            cluster.awaitReady();

            // kubelet's housekeeping kills running pods that no source wants and deletes their orphaned mirrors
            Eventually.until("the removed manifest's containers gone", WAIT,
                    () -> String.join("\n", LocalDocker.containersOfPod(droppedHash)), String::isEmpty);
            Eventually.until("the removed manifest's mirror pod gone", WAIT, () -> kubectl.run("get", "pod", "dropped-worker-s").err(),
                    err -> err.equals("Error from server (NotFound): pods \"dropped-worker-s\" not found\n"));
            // the edited manifest is a new pod: it runs under its new hash with a new mirror, the old version's containers go
            String edited = Eventually.until("the edited manifest Running under a new hash", WAIT, () -> shown("changed-worker-s"),
                    out -> out.matches("changed-worker-s \\S+ Running 0 docker://\\S+ [0-9a-f]{32}\n") && !out.trim().endsWith(changedHash));
            String editedHash = edited.trim().substring(edited.trim().lastIndexOf(' ') + 1);
            assertEquals(2, LocalDocker.containersOfPod(editedHash).size(), "sandbox + sleep of the edited pod");
            Eventually.until("the edited manifest's old containers gone", WAIT,
                    () -> String.join("\n", LocalDocker.containersOfPod(changedHash)), String::isEmpty);
            // what is still wanted was adopted: same mirror, same containers, no restart
            assertEquals(adopted, shown("kept-worker-s", "bystander"));
            assertEquals(keptContainers, LocalDocker.containersOfPod(keptHash), "the kept static pod's containers, adopted");
        } finally {
            // a kubelet that failed to clean up must not leave them running on the shared engine
            LocalDocker.removeContainersOfPod(droppedHash);
            LocalDocker.removeContainersOfPod(changedHash);
            Files.deleteIfExists(kept);
            Files.deleteIfExists(changed);
            kubectl.run("delete", "pod", "bystander", "--grace-period=1", "--wait=false");
        }
        Eventually.until("the test's pods gone", WAIT, () -> kubectl.run("get", "pods", "--no-headers").out(),
                out -> out.lines().noneMatch(l -> l.matches("(kept-worker-s|changed-worker-s|bystander)\\s.*")));
    }

    /** A static pod of one sleeping container, 1 s grace. */
    private Path writeSleeper(String name) throws IOException {
        return Files.writeString(cluster.manifests().resolve(name + ".yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: sleep, image: %s, imagePullPolicy: Never, command: ["sleep", "3600"]}
                """.formatted(name, cluster.image()));
    }

    /**
     * One line per pod of {@code names} that exists, in the namespace's (name) order: name, uid, phase,
     * restart count, container ID, and config.mirror (a mirror pod's static pod hash).
     */
    private String shown(String... names) {
        Set<String> wanted = Set.of(names);
        return kubectl.run("get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.status.phase} "
                + "{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].containerID} "
                + "{.metadata.annotations.kubernetes\\.io/config\\.mirror}{\"\\n\"}{end}").out().lines()
                .filter(line -> wanted.contains(line.split(" ")[0])).map(line -> line + "\n").collect(Collectors.joining());
    }

    private String hash(String mirrorPod) {
        String hash = kubectl.run("get", "pod", mirrorPod, "-o", "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.hash}")
                .assertSuccess().out();
        assertTrue(hash.matches("[0-9a-f]{32}"), hash);
        return hash;
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
