package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Quantity;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * This machine as a Node: kubelet's cadvisor-based capacity (cpu, memory, ephemeral-storage of the
 * root filesystem, pods=110) and nodeInfo. The name is the hostname in lower case, because a Node
 * name must be a DNS subdomain (kubelet lower-cases it too, {@code nodeutil.GetHostname}).
 */
public final class MachineInfo {

    private MachineInfo() {}

    public static NodeRegistration registration(String containerRuntimeVersion, String internalIp) {
        return registration(hostname(), containerRuntimeVersion, internalIp);
    }

    public static NodeRegistration registration(String nodeName, String containerRuntimeVersion, String internalIp) {
        long memoryBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        Map<String, Quantity> capacity = Map.of(
                "cpu", new Quantity(Integer.toString(Runtime.getRuntime().availableProcessors())),
                "memory", new Quantity(memoryBytes / 1024 + "Ki"),
                "ephemeral-storage", new Quantity(new File("/").getTotalSpace() / 1024 + "Ki"),
                "pods", new Quantity("110"));
        return new NodeRegistration(nodeName, internalIp, capacity, containerRuntimeVersion, osImage(),
                System.getProperty("os.version"));
    }

    static String hostname() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "localhost";
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static String osImage() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse("Linux");
        } catch (IOException e) {
            return "Linux";
        }
    }
}
