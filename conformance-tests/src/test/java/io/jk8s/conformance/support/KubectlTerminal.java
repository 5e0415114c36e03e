package io.jk8s.conformance.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kubectl on a terminal, as a user runs {@code kubectl exec -it} or {@code kubectl debug -it}:
 * script(1) gives it a pseudo-terminal whose input stays open until kubectl exits. The arguments
 * are joined into one shell command line, so quote what the shell must keep together.
 */
public final class KubectlTerminal {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    /** What the terminal showed (a TTY ends lines with CR LF) and kubectl's exit code. */
    public record Session(int exitCode, String output) {}

    private KubectlTerminal() {}

    public static boolean available() {
        return Files.isExecutable(SCRIPT);
    }

    public static Session run(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process script = new ProcessBuilder(SCRIPT.toString(), "-qec", String.join(" ", command), "/dev/null")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        byte[] output = script.getInputStream().readAllBytes();
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            script.destroyForcibly();
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " still running after 60 s");
        }
        return new Session(script.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
