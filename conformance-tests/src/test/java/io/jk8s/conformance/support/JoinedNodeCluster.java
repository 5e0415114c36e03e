package io.jk8s.conformance.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A control plane without a node ({@code jk8s server --node none}) and one {@code jk8s node} process
 * on the local Docker engine that joined it through the server's kubeconfig, as a second machine
 * would, with a static pod manifest directory. Afterwards it removes the manifests and the pods the
 * tests left and waits until their containers are gone, since the engine is shared.
 */
public final class JoinedNodeCluster implements BeforeAllCallback, AfterAllCallback {

    private final String nodeName;
    private final RunningCluster cluster = new RunningCluster("--node", "none");
    private Path work;
    private Jk8sNode node;
    private String image;

    public JoinedNodeCluster(String nodeName) {
        this.nodeName = nodeName;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeTrue(Kubectl.installed(), "kubectl is not on the PATH");
        LocalDocker.require();
        work = Files.createTempDirectory("jk8s-node-");
        image = LocalDocker.importBusybox(work);
        Files.createDirectories(manifests());
        cluster.beforeAll(context);
        node = Jk8sNode.start(work.resolve("node"), "--kubeconfig", cluster.server().kubeconfig().toString(), "--name", nodeName,
                "--pod-manifest-dir", manifests().toString());
        awaitReady();
    }

    /** Waits until {@code kubectl get nodes} shows this node Ready (after a start or restart). */
    public void awaitReady() {
        Eventually.until(nodeName + " Ready", DockerCluster.WAIT, () -> kubectl().run("get", "nodes", "--no-headers").out(),
                out -> out.lines().anyMatch(l -> l.matches(nodeName + "\\s+Ready\\s+<none>\\s+.*")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            removePodsAndWait();
        } finally {
            stopNodeKeepingItsLog(context);
            cluster.afterAll(context);
            deleteRecursively(work);
        }
    }

    private void removePodsAndWait() throws IOException {
        if (node != null && node.alive() && cluster.kubectl() != null) {
            List<String> uids = new ArrayList<>(List.of(kubectl().run("get", "pods", "--all-namespaces", "-o",
                    "jsonpath={.items[*].metadata.uid} {.items[*].metadata.annotations.kubernetes\\.io/config\\.hash}").out().split("\\s+")));
            try (Stream<Path> files = Files.list(manifests())) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            kubectl().run("delete", "pods", "--all", "--all-namespaces");
            for (String uid : uids) {
                if (!uid.isBlank()) {
                    Eventually.until("no containers of pod " + uid, DockerCluster.WAIT,
                            () -> String.join("\n", LocalDocker.containersOfPod(uid)), String::isEmpty);
                }
            }
        }
    }

    /** The node's log is kept for a failed run, also when removing its pods failed: surefire's working directory is the module's. */
    private void stopNodeKeepingItsLog(ExtensionContext context) throws IOException {
        if (node != null) {
            node.close();
            Path logs = Files.createDirectories(Path.of("target", "jk8s-node-logs"));
            Files.writeString(logs.resolve(context.getRequiredTestClass().getSimpleName() + "-" + nodeName + ".log"), node.log());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public Kubectl kubectl() {
        return cluster.kubectl();
    }

    public Jk8sServer server() {
        return cluster.server();
    }

    public Jk8sNode node() {
        return node;
    }

    public String nodeName() {
        return nodeName;
    }

    /** The node's static pod directory ({@code --pod-manifest-dir}). */
    public Path manifests() {
        return work.resolve("manifests");
    }

    /** Where a test may keep files of its own. */
    public Path work() {
        return work;
    }

    /** The busybox test image (sh, httpd, nc, wget, sleep). */
    public String image() {
        return image;
    }
}
