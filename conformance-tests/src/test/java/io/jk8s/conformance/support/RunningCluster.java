package io.jk8s.conformance.support;

import io.jk8s.testing.Kubectl;
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
 * One jk8s server (the jar) per test class, with a kubectl pointed at it, for classes that
 * declare {@code @RegisterExtension static final RunningCluster cluster = new RunningCluster(args)}.
 */
public final class RunningCluster implements BeforeAllCallback, AfterAllCallback {

    private final String[] serverArgs;
    private Path work;
    private Jk8sServer server;
    private Kubectl kubectl;

    /** @param serverArgs extra {@code server} flags, e.g. {@code --node simulated} */
    public RunningCluster(String... serverArgs) {
        this.serverArgs = serverArgs;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        work = Files.createTempDirectory("jk8s-e2e-");
        server = Jk8sServer.start(work.resolve("data"), serverArgs);
        kubectl = new Kubectl(server.kubeconfig(), work.resolve("home"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        // -Djk8s.keepLogs=DIR keeps the server logs of a run that fails only now and then
        String keep = System.getProperty("jk8s.keepLogs");
        if (keep != null) {
            Path dir = Files.createDirectories(Path.of(keep, context.getRequiredTestClass().getSimpleName() + "-" + System.currentTimeMillis()));
            try (Stream<Path> logs = Files.list(work.resolve("data"))) {
                for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                    Files.copy(log, dir.resolve(log.getFileName()));
                }
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public Kubectl kubectl() {
        return kubectl;
    }

    public Jk8sServer server() {
        return server;
    }
}
