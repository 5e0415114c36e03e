package io.jk8s.node.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's {@code iptables}, {@code iptables-restore} and {@code iptables-save} commands (Debian's
 * {@code iptables} package, which docker.io depends on). {@code -w} waits for the xtables lock that
 * Docker and other jk8s processes take too.
 */
final class Iptables {

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static final long TIMEOUT_SECONDS = 20;

    /** {@code iptables -w 5 -t table args...}; a missing binary is exit code 127, as a shell reports it. */
    Result run(String table, String... args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5", "-t", table));
        command.addAll(List.of(args));
        return exec(command, null);
    }

    /** Applies a payload to the chains it names only, atomically per table. */
    void restore(String payload) {
        Result result = exec(List.of("iptables-restore", "-w", "5", "--noflush"), payload);
        if (!result.ok()) {
            throw new IllegalStateException("iptables-restore failed (" + result.exitCode() + "): " + result.output().strip()
                    + "\n" + payload);
        }
    }

    String save(String table) {
        Result result = exec(List.of("iptables-save", "-t", table), null);
        if (!result.ok()) {
            throw new IllegalStateException("iptables-save -t " + table + " failed: " + result.output().strip());
        }
        return result.output();
    }

    private static Result exec(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, command.get(0) + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        }
    }
}
