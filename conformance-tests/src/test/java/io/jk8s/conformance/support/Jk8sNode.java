package io.jk8s.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code jk8s node} from the built jar as a separate process, joining the cluster of a kubeconfig the
 * way a second machine would. Its output goes to a log file under its data dir.
 */
public final class Jk8sNode implements AutoCloseable {

    private final List<String> args;
    private final Path dataDir;
    private Process process;
    private Path log;
    private int starts;

    private Jk8sNode(Path dataDir, List<String> args) {
        this.dataDir = dataDir;
        this.args = args;
    }

    /** Starts {@code jk8s node --data-dir dataDir args...}; returns at once (the process registers its node). */
    public static Jk8sNode start(Path dataDir, String... args) {
        Jk8sNode node = new Jk8sNode(dataDir, List.of(args));
        node.launch();
        return node;
    }

    /** Runs {@code jk8s node args...} expecting it to end by itself (a refused start); returns exit code and output. */
    public static Ended runToExit(Path dataDir, String... args) {
        Jk8sNode node = new Jk8sNode(dataDir, List.of(args));
        node.launch();
        try {
            if (!node.process.waitFor(60, TimeUnit.SECONDS)) {
                node.process.destroyForcibly();
                throw new AssertionError("jk8s node did not exit; its log:\n" + node.log());
            }
            return new Ended(node.process.exitValue(), node.log());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Ended(int exitCode, String output) {}

    private void launch() {
        try {
            Files.createDirectories(dataDir);
            List<String> command = new ArrayList<>(List.of(Jk8sServer.javaBinary(), "-jar", Jk8sServer.jar().toString(), "node",
                    "--data-dir", dataDir.toString()));
            command.addAll(args);
            log = dataDir.resolve("node-" + (++starts) + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, as when the machine's kubelet crashes. */
    public void kill9() {
        process.destroyForcibly();
        await(process, Duration.ofSeconds(30));
    }

    /** SIGTERM; returns how long the process took to exit. */
    public Duration stop() {
        long started = System.nanoTime();
        process.destroy();
        await(process, Duration.ofSeconds(30));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Starts it again with the same arguments and data dir. */
    public void restart() {
        if (process.isAlive()) {
            stop();
        }
        launch();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The output of the current (or last) start. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void await(Process p, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("jk8s node did not exit within " + timeout.toSeconds() + " s; its log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
