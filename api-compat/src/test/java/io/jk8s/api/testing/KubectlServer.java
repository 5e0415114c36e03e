package io.jk8s.api.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestApiServer} and its {@link Kubectl} for a test class, skipped where kubectl is not
 * installed. Use as {@code @RegisterExtension static final KubectlServer api = new KubectlServer();}.
 */
public final class KubectlServer implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private TestApiServer server;
    private Kubectl kubectl;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeTrue(Kubectl.installed(), "kubectl is not installed");
        dir = Files.createTempDirectory("jk8s-kubectl-");
        server = TestApiServer.start(dir);
        kubectl = server.kubectl();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public TestApiServer server() {
        return server;
    }

    public Kubectl kubectl() {
        return kubectl;
    }
}
