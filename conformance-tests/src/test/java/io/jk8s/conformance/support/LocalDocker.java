package io.jk8s.conformance.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local Docker engine through the {@code docker} CLI, as a user beside the cluster sees it. Test
 * images come from no registry: a rootfs of Debian's static busybox, {@code docker import}ed.
 */
public final class LocalDocker {

    public static final String BUSYBOX = "jk8s-test/busybox:1";
    private static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");

    private LocalDocker() {}

    /** Skips the test without an engine, except in CI (CI=true), where .ci/docker-engine must have started one. */
    public static void require() {
        Result version = run("docker", "version", "--format", "{{.Server.Version}}");
        if (version.exitCode != 0) {
            String why = "no Docker engine: " + version.output.strip();
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (CI must have one: .ci/docker-engine starts it)");
            }
            assumeTrue(false, why + "; run .ci/docker-engine to start one");
        }
    }

    /** Imports the busybox image (a fresh import each run, so a stale one from another build is never used). */
    public static String importBusybox(Path work) {
        try {
            Path rootfs = Files.createDirectories(work.resolve("busybox-rootfs"));
            Files.createDirectories(rootfs.resolve("bin"));
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.createDirectories(rootfs.resolve("www"));
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            Files.copy(BUSYBOX_BINARY, rootfs.resolve("bin/busybox"));
            for (String applet : run(BUSYBOX_BINARY.toString(), "--list").output.lines().toList()) {
                if (!applet.equals("busybox")) {
                    Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
                }
            }
            Path tar = work.resolve("busybox.tar");
            check(run("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
            check(run("docker", "import", tar.toString(), BUSYBOX));
            return BUSYBOX;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the containers (running or not) of a pod, as {@code docker ps -a} lists them. */
    public static List<String> containersOfPod(String podUid) {
        return check(run("docker", "ps", "-a", "--filter", "label=io.kubernetes.pod.uid=" + podUid,
                "--format", "{{.Names}}")).output.lines().toList();
    }

    /**
     * Force-removes the containers of one pod uid that a test itself made, for a run whose kubelet left them
     * behind (a failed assertion), so they do not outlive the test on the shared engine.
     */
    public static void removeContainersOfPod(String podUid) {
        for (String name : containersOfPod(podUid)) {
            run("docker", "rm", "-f", name);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result check(Result result) {
        if (result.exitCode != 0) {
            throw new AssertionError("command failed (" + result.exitCode + "): " + result.output);
        }
        return result;
    }

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
