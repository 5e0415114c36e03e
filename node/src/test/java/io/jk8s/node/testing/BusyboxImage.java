package io.jk8s.node.testing;

import com.github.dockerjava.api.DockerClient;
import io.jk8s.node.runtime.ImageLoader;
import io.jk8s.node.runtime.RootfsTar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test image with no registry: Debian's static busybox ({@code apt-get install busybox-static})
 * and a symlink per applet, imported with {@code docker import} once per test run.
 */
public final class BusyboxImage {

    public static final String IMAGE = "jk8s-test/busybox:1";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static boolean imported;
    private static long importMillis;

    private BusyboxImage() {}

    /** Imports the image (once per JVM, so a stale image from another build is never used); returns its tag. */
    public static synchronized String ensure(DockerClient docker) {
        if (!imported) {
            long start = System.nanoTime();
            byte[] binary = staticBusybox();
            RootfsTar rootfs = new RootfsTar().directory("bin").directory("tmp").directory("etc").directory("www")
                    .file("bin/busybox", binary, 0755)
                    .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.US_ASCII), 0644);
            for (String applet : applets()) {
                if (!applet.equals("busybox")) {
                    rootfs.symlink("bin/" + applet, "busybox");
                }
            }
            new ImageLoader(docker).importRootfs(IMAGE, rootfs.toBytes());
            importMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("busybox test image %s imported in %d ms%n", IMAGE, importMillis);
            imported = true;
        }
        return IMAGE;
    }

    private static byte[] staticBusybox() {
        try {
            byte[] binary = Files.readAllBytes(BUSYBOX);
            // A dynamic ELF names its loader near the start; a static one (what an empty rootfs needs) does not.
            String head = new String(binary, 0, Math.min(binary.length, 4096), StandardCharsets.ISO_8859_1);
            if (head.contains("ld-linux")) {
                throw new IllegalStateException(BUSYBOX + " is dynamically linked: apt-get install busybox-static");
            }
            return binary;
        } catch (IOException e) {
            throw new IllegalStateException("no " + BUSYBOX + ": apt-get install busybox-static", e);
        }
    }

    private static List<String> applets() {
        try {
            Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
            List<String> names = new String(list.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
            if (list.waitFor() != 0 || names.isEmpty()) {
                throw new IllegalStateException("busybox --list failed: " + names);
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + BUSYBOX, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
