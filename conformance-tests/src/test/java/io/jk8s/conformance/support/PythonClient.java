package io.jk8s.conformance.support;

import io.jk8s.testing.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        ProcessBuilder builder = new ProcessBuilder(command);
        if (kubeconfig != null) {
            try {
                Files.createDirectories(home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            builder.environment().put("HOME", home.toString());
        }
        ChildProcess.Finished finished = ChildProcess.run(builder, stdin, TIMEOUT_SECONDS);
        return new Result(finished.exitCode(), finished.out(), finished.err());
    }
}
