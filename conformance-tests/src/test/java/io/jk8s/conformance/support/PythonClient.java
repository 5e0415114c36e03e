package io.jk8s.conformance.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The official Kubernetes Python client (kubernetes-client/python, Debian's {@code python3-kubernetes})
 * running a user's script against a kubeconfig, as {@code python3 script.py} with {@code KUBECONFIG}
 * set. It is installed for the system interpreter, so that one runs it, not whichever python3 comes
 * first on PATH.
 */
public final class PythonClient {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path kubeconfig;
    private final Path home;

    public PythonClient(Path kubeconfig, Path home) {
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /**
     * Fails (rather than skips, so CI cannot pass without running it) when the client is missing,
     * naming the package that provides it.
     */
    public static void requireInstalled() {
        Result probe = Files.isExecutable(PYTHON) ? run(List.of(PYTHON.toString(), "-c", "import kubernetes"), null, null, null)
                : new Result(-1, "", PYTHON + " does not exist");
        if (probe.exitCode() != 0) {
            throw new AssertionError("the official Kubernetes Python client is not installed for " + PYTHON
                    + ": apt-get install -y python3-kubernetes (.ci/run installs it)\n" + probe.err());
        }
    }

    /** What the script printed; a traceback from an exception it did not catch is in {@code err}. */
    public record Result(int exitCode, String out, String err) {

        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("python script failed (" + exitCode + "):\n" + err + out);
            }
            return this;
        }

        public List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs {@code script} (the program text, read from stdin) with KUBECONFIG pointing at the cluster. */
    public Result run(String script) {
        return run(List.of(PYTHON.toString(), "-"), script, kubeconfig, home);
    }

    private static Result run(List<String> command, String stdin, Path kubeconfig, Path home) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (kubeconfig != null) {
                Files.createDirectories(home);
                builder.environment().put("KUBECONFIG", kubeconfig.toString());
                builder.environment().put("HOME", home.toString());
            }
            builder.environment().put("PYTHONUNBUFFERED", "1");
            Process process = builder.start();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("python script did not finish in " + TIMEOUT_SECONDS + "s; output so far:\n"
                        + out.getNow("") + err.getNow(""));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
