package io.jk8s.conformance.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A jk8s server with its kubelet on the local Docker engine ({@code --node docker}), the busybox test
 * image imported, and a Ready node, for classes that declare
 * {@code @RegisterExtension static final DockerCluster cluster = new DockerCluster()}. Afterwards it
 * deletes what the tests left in the default namespace and waits until their containers are gone,
 * since the engine is shared.
 */
public final class DockerCluster implements BeforeAllCallback, AfterAllCallback {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private final RunningCluster cluster;
    private String image;

    /** @param serverArgs {@code server} flags beyond {@code --node docker} */
    public DockerCluster(String... serverArgs) {
        String[] args = new String[serverArgs.length + 2];
        args[0] = "--node";
        args[1] = "docker";
        System.arraycopy(serverArgs, 0, args, 2, serverArgs.length);
        this.cluster = new RunningCluster(args);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeTrue(Kubectl.installed(), "kubectl is not on the PATH");
        LocalDocker.require();
        image = LocalDocker.importBusybox(Files.createTempDirectory("jk8s-busybox-"));
        cluster.beforeAll(context);
        Eventually.until("a Ready node", WAIT, () -> kubectl().run("get", "nodes", "-o", "wide").out(),
                out -> out.lines().anyMatch(l -> l.matches("\\S+\\s+Ready\\s+<none>\\s+.*docker://\\S+")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (cluster.kubectl() != null) {
            String[] uids = kubectl().run("get", "pods", "-o", "jsonpath={.items[*].metadata.uid}").out().split(" ");
            kubectl().run("delete", "deployments,services,pods", "--all");
            for (String uid : uids) {
                Eventually.until("no containers of pod " + uid, WAIT,
                        () -> String.join("\n", LocalDocker.containersOfPod(uid)), String::isEmpty);
            }
        }
        cluster.afterAll(context);
    }

    public Kubectl kubectl() {
        return cluster.kubectl();
    }

    public Jk8sServer server() {
        return cluster.server();
    }

    /** The busybox test image (sh, httpd, nc, wget, sleep). */
    public String image() {
        return image;
    }

    /** A file that a container wrote into a hostPath directory, or "" while it is not there. */
    public static String read(Path dir, String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
