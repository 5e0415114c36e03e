package io.jk8s.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command a test runs to completion, as a user runs kubectl or a client script: its stdin
 * written and closed, stdout and stderr read beside it (a full pipe would stall it), a time limit.
 */
public final class ChildProcess {

    private ChildProcess() {}

    /** How it ended. */
    public record Finished(int exitCode, String out, String err) {}

    /** Starts {@code builder}, writes {@code stdin} (may be null), waits at most {@code timeoutSeconds}. */
    public static Finished run(ProcessBuilder builder, String stdin, long timeoutSeconds) {
        try {
            Process process = builder.start();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", builder.command()) + " did not finish in " + timeoutSeconds + "s");
            }
            return new Finished(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
