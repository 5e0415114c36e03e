package io.jk8s.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl binary pointed at a jk8s kubeconfig, with its own HOME and discovery cache so
 * that no cache from an earlier run can hide a discovery bug. Shared by the API tests (in-process
 * server) and the end-to-end tests (the jar).
 */
public final class Kubectl {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Path BINARY = Path.of("/usr/bin/kubectl");

    private final Path kubeconfig;
    private final Path home;

    public Kubectl(Path kubeconfig, Path home) {
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** What the user would see. */
    public record Result(int exitCode, String out, String err) {

        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed (" + exitCode + "):\n" + err + out);
            }
            return this;
        }
    }

    public Result run(String... args) {
        return run(java.util.Map.of(), args);
    }

    /** Runs with extra environment variables (e.g. {@code EDITOR} for {@code kubectl edit}). */
    public Result run(java.util.Map<String, String> env, String... args) {
        return run(env, null, args);
    }

    /** Runs kubectl with {@code stdin} (e.g. a manifest for {@code create -f -}). */
    public Result runWithInput(String stdin, String... args) {
        return run(java.util.Map.of(), stdin, args);
    }

    private Result run(java.util.Map<String, String> env, String stdin, String... args) {
        ChildProcess.Finished finished = ChildProcess.run(builder(env, args), stdin, TIMEOUT_SECONDS);
        return new Result(finished.exitCode(), finished.out(), finished.err());
    }

    /** A long-running kubectl (e.g. {@code get -w}) whose stdout lines can be awaited one by one. */
    public Streaming stream(String... args) {
        try {
            Process process = start(java.util.Map.of(), args);
            process.getOutputStream().close();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was stopped
                }
            }, "kubectl-stdout");
            reader.setDaemon(true);
            reader.start();
            CompletableFuture<String> err = ChildProcess.readAsync(process.getErrorStream());
            return new Streaming(process, lines, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Streaming(Process process, BlockingQueue<String> lines, CompletableFuture<String> err) implements AutoCloseable {

        /** The next stdout line, or an AssertionError after {@code seconds}. */
        public String nextLine(long seconds) throws InterruptedException {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no output line within " + seconds + "s; alive=" + process.isAlive()
                        + (process.isAlive() ? "" : " stderr: " + err.join()));
            }
            return line;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    private Process start(java.util.Map<String, String> env, String... args) throws IOException {
        return builder(env, args).start();
    }

    private ProcessBuilder builder(java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", home.resolve("cache").toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(env);
        return builder;
    }
}
