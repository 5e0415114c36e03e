package io.jk8s.node.kubelet;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a volume's files so that a running container sees either the old set or the new one, never
 * a mix, as kubelet's {@code pkg/volume/util/atomic_writer.go} lays them out: the files live in a
 * timestamped directory {@code ..<time>}, the symlink {@code ..data} points at it and is replaced by
 * a rename, and each top-level name is a symlink into {@code ..data}. The bind mount is of the
 * volume directory, so a container follows the swap.
 */
final class AtomicWriter {

    private static final String DATA = "..data";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss.SSSSSSSSS");

    /** A file of the payload: its bytes and permission bits (e.g. 0644). */
    record FileProjection(byte[] data, int mode) {}

    private AtomicWriter() {}

    /** Makes {@code dir} hold exactly {@code payload} (relative paths); returns whether anything changed. */
    static boolean write(Path dir, Map<String, FileProjection> payload) throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve(DATA);
        Path current = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
        if (current != null && same(current, payload)) {
            return false;
        }
        Path next = dir.resolve(".." + LocalDateTime.now().format(STAMP));
        Files.createDirectories(next);
        for (Map.Entry<String, FileProjection> file : payload.entrySet()) {
            Path target = next.resolve(file.getKey()).normalize();
            if (!target.startsWith(next)) {
                throw new IOException("path " + file.getKey() + " leaves the volume");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue().data());
            Files.setPosixFilePermissions(target, permissions(file.getValue().mode()));
        }
        Path link = dir.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, next.getFileName());
        Files.move(link, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Set<String> names = new HashSet<>();
        for (String path : payload.keySet()) {
            String top = path.split("/", 2)[0];
            names.add(top);
            try {
                Files.createSymbolicLink(dir.resolve(top), Path.of(DATA, top));
            } catch (FileAlreadyExistsException alreadyLinked) {
                // the link points into ..data and so already shows the new content
            }
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith("..") && !names.contains(name)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
        if (current != null && !current.equals(next)) {
            delete(current);
        }
        return true;
    }

    private static boolean same(Path current, Map<String, FileProjection> payload) throws IOException {
        if (!Files.isDirectory(current)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(current)) {
            if (files.filter(Files::isRegularFile).count() != payload.size()) {
                return false;
            }
        }
        for (Map.Entry<String, FileProjection> file : payload.entrySet()) {
            Path path = current.resolve(file.getKey());
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    || !Arrays.equals(Files.readAllBytes(path), file.getValue().data())
                    || !Files.getPosixFilePermissions(path).equals(permissions(file.getValue().mode()))) {
                return false;
            }
        }
        return true;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = new HashSet<>();
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
