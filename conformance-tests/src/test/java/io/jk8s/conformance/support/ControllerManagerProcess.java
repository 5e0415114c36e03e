package io.jk8s.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar jk8s.jar controller-manager --kubeconfig FILE} as a separate process, as a user
 * starts one beside a server run with {@code --disable-controller-manager}.
 */
public final class ControllerManagerProcess implements AutoCloseable {

    private static final Pattern IDENTITY = Pattern.compile("controller-manager (\\S+) started against");

    private final Process process;
    private final Path log;

    private ControllerManagerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** @param extraArgs more {@code controller-manager} flags, e.g. {@code --cluster-signing-cert-file FILE} */
    public static ControllerManagerProcess start(Path kubeconfig, Path log, String... extraArgs) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(Jk8sServer.javaBinary(), "-jar", Jk8sServer.jar().toString(),
                    "controller-manager", "--kubeconfig", kubeconfig.toString()));
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ControllerManagerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Lease holderIdentity it campaigns as, which it logs on start. */
    public String identity() {
        return Eventually.until("the controller-manager's identity in its log", Duration.ofSeconds(60), this::log,
                text -> IDENTITY.matcher(text).find() || !process.isAlive()).transform(text -> {
                    Matcher m = IDENTITY.matcher(text);
                    if (!m.find()) {
                        throw new AssertionError("controller-manager exited before campaigning; its log:\n" + text);
                    }
                    return m.group(1);
                });
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, waiting at most {@code timeout}; null if it is still running. */
    public Integer exitStatus(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, the Lease is left to expire. */
    public void kill9() {
        process.destroyForcibly();
        exitStatus(Duration.ofSeconds(30));
    }

    /** SIGSTOP / SIGCONT: a process that stalls (a long GC pause, a frozen VM) and then runs on. */
    public void pause() {
        signal("-STOP");
    }

    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            int status = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (status != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed: " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as a supervisor stops it: the shutdown hook stops the controllers and releases the Lease. */
    @Override
    public void close() {
        if (process.isAlive()) {
            resume();
            process.destroy();
            exitStatus(Duration.ofSeconds(30));
        }
    }
}
