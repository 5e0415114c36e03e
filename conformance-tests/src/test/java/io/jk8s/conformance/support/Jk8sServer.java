package io.jk8s.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built {@code server/target/jk8s.jar} running as a separate process, as a user starts it.
 * Tests only see it through its kubeconfig and port; killing it is a real SIGKILL.
 */
public final class Jk8sServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;
    private int starts;

    private Jk8sServer(Path dataDir, int port, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /** Starts a server with its state in {@code dataDir} on a free loopback port. */
    public static Jk8sServer start(Path dataDir, String... extraArgs) {
        Jk8sServer server = new Jk8sServer(dataDir, freePort(), List.of(extraArgs));
        server.launch();
        return server;
    }

    public Path kubeconfig() {
        return dataDir.resolve("kubeconfig");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, no shutdown hooks: what a crash or an OOM kill looks like. */
    public void kill9() {
        process.destroyForcibly();
        waitFor();
    }

    /** Starts the server again on the same data dir and port. */
    public void restart() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
        launch();
    }

    private void launch() {
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(kubeconfig());
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            // e.g. -Djk8s.jvmArgs="-XX:StartFlightRecording=filename=/tmp/api.jfr" to profile a benchmark's server
            String jvmArgs = System.getProperty("jk8s.jvmArgs", "").trim();
            if (!jvmArgs.isEmpty()) {
                command.addAll(List.of(jvmArgs.split("\\s+")));
            }
            command.addAll(List.of("-jar", jar().toString(), "server",
                    "--data-dir", dataDir.toString(),
                    "--port", Integer.toString(port),
                    "--kubeconfig", kubeconfig().toString()));
            command.addAll(extraArgs.isEmpty() ? List.of("--node", "none") : extraArgs);
            Path log = dataDir.resolve("server-" + (++starts) + ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitKubeconfig(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server writes its kubeconfig only once /readyz answers 200, so its presence means ready. */
    private void awaitKubeconfig(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(kubeconfig())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("jk8s server did not become ready; its log:\n" + Files.readString(log));
            }
            sleep(25);
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    static Path jar() {
        // surefire sets jk8s.jar; a benchmark run with exec:java starts in the repository root
        String configured = System.getProperty("jk8s.jar");
        Path jar = (configured != null ? Path.of(configured)
                : Files.exists(Path.of("server/target/jk8s.jar")) ? Path.of("server/target/jk8s.jar")
                : Path.of("../server/target/jk8s.jar")).toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with 'mvn -B -DskipTests package'");
        }
        return jar;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
