package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * hostPath's {@code type} as kubelet's host_path plugin checks it: the *OrCreate types create what is
 * missing, the others must already be there as that kind, else the volume fails to mount.
 */
final class HostPathTypes {

    private HostPathTypes() {}

    static Path prepare(HostPathVolumeSource source) {
        Path path = Path.of(source.getPath());
        String type = source.getType() == null ? "" : source.getType();
        try {
            switch (type) {
                case "DirectoryOrCreate" -> Files.createDirectories(path);
                case "FileOrCreate" -> {
                    if (!Files.exists(path)) {
                        Files.createDirectories(path.getParent());
                        Files.createFile(path);
                    }
                }
                case "Directory" -> require(Files.isDirectory(path), path, "is not a directory");
                case "File" -> require(Files.isRegularFile(path), path, "is not a file");
                case "Socket", "CharDevice", "BlockDevice" -> require(Files.exists(path), path, "does not exist");
                default -> { } // "" : no check
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hostPath " + path, e);
        }
        return path;
    }

    private static void require(boolean ok, Path path, String problem) {
        if (!ok) {
            throw new VolumeNotReadyException("hostPath type check failed: " + path + " " + problem);
        }
    }
}
