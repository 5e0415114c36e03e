package io.jk8s.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes the admin kubeconfig that real kubectl and client libraries use as is. The file is
 * written to a temporary sibling and renamed, so a reader waiting for it (a test, a script polling
 * for the file) never sees a half-written config.
 */
public final class KubeconfigWriter {

    private KubeconfigWriter() {}

    public static void write(Path file, String serverUrl) throws IOException {
        write(file, List.of("    server: " + serverUrl), List.of("  user: {}"));
    }

    /**
     * A kubeconfig for the HTTPS port, as kubeadm's admin.conf: the server is verified by the
     * cluster CA, the user is the one its client certificate names. PEM inputs, embedded as data.
     */
    public static void writeSecure(Path file, String serverUrl, byte[] caPem, byte[] clientCertPem, byte[] clientKeyPem)
            throws IOException {
        Base64.Encoder base64 = Base64.getEncoder();
        write(file, List.of("    certificate-authority-data: " + base64.encodeToString(caPem), "    server: " + serverUrl),
                List.of("  user:", "    client-certificate-data: " + base64.encodeToString(clientCertPem),
                        "    client-key-data: " + base64.encodeToString(clientKeyPem)));
    }

    private static void write(Path file, List<String> cluster, List<String> user) throws IOException {
        List<String> lines = new ArrayList<>(List.of("apiVersion: v1", "kind: Config", "clusters:", "- name: jk8s", "  cluster:"));
        lines.addAll(cluster);
        lines.addAll(List.of("contexts:", "- name: jk8s", "  context:", "    cluster: jk8s", "    user: jk8s-admin",
                "    namespace: default", "current-context: jk8s", "preferences: {}", "users:", "- name: jk8s-admin"));
        lines.addAll(user);
        lines.add("");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".kubeconfig", ".tmp");
        Files.writeString(tmp, String.join("\n", lines), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
