package io.jk8s.api.testing;

import io.jk8s.testing.Kubectl;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jk8s.api.registry.ResourceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One API server and kubectl for a test class: {@code @RegisterExtension static KubectlServer
 * cluster = new KubectlServer();}. Skips the class when kubectl is not installed.
 */
public final class KubectlServer implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<ResourceTable> table;
    private Path dir;
    private TestApiServer server;

    public KubectlServer() {
        this(ResourceTable::builtIn);
    }

    public KubectlServer(Supplier<ResourceTable> table) {
        this.table = table;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeTrue(Kubectl.installed(), "kubectl is not installed");
        dir = Files.createTempDirectory("jk8s-kubectl-");
        server = TestApiServer.start(dir, table.get());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public TestApiServer server() {
        return server;
    }

    public Kubectl kubectl() {
        return server.kubectl();
    }

    /** A file in the test's directory, e.g. a manifest to apply. */
    public Path file(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
