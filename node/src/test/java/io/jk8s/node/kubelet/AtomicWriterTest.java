package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ..data symlink layout of kubelet's atomic writer, seen through the volume directory. */
class AtomicWriterTest {

    @TempDir
    Path dir;

    private static AtomicWriter.FileProjection file(String content, int mode) {
        return new AtomicWriter.FileProjection(content.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Test
    void filesAreSwappedWholeAndRemovedKeysDisappear() throws IOException {
        assertTrue(AtomicWriter.write(dir, Map.of("a", file("one", 0644), "sub/b", file("two", 0400))));
        assertEquals("one", Files.readString(dir.resolve("a")));
        assertEquals("two", Files.readString(dir.resolve("sub/b")));
        assertTrue(Files.isSymbolicLink(dir.resolve("a")));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sub/b"))));

        assertFalse(AtomicWriter.write(dir, Map.of("a", file("one", 0644), "sub/b", file("two", 0400))), "unchanged");

        assertTrue(AtomicWriter.write(dir, Map.of("a", file("changed", 0644))));
        assertEquals("changed", Files.readString(dir.resolve("a")));
        assertFalse(Files.exists(dir.resolve("sub")));
        try (Stream<Path> entries = Files.list(dir)) {
            // a, ..data and one timestamped directory: the old one is gone
            assertEquals(3, entries.count());
        }
    }
}
