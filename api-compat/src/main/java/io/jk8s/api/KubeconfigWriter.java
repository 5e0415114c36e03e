package io.jk8s.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the admin kubeconfig that real kubectl and client libraries use as is. The file is
 * written to a temporary sibling and renamed, so a reader waiting for it (a test, a script polling
 * for the file) never sees a half-written config.
 */
public final class KubeconfigWriter {

    private KubeconfigWriter() {}

    public static void write(Path file, String serverUrl) throws IOException {
        String config = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: jk8s",
                "  cluster:",
                "    server: " + serverUrl,
                "contexts:",
                "- name: jk8s",
                "  context:",
                "    cluster: jk8s",
                "    user: jk8s-admin",
                "    namespace: default",
                "current-context: jk8s",
                "preferences: {}",
                "users:",
                "- name: jk8s-admin",
                "  user: {}",
                "");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".kubeconfig", ".tmp");
        Files.writeString(tmp, config, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
