package io.jk8s.node.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A root filesystem as a tar in memory, the input of {@code docker import}: how jk8s makes images
 * with no registry and no {@code docker build} (the pause image; busybox images in tests).
 */
public final class RootfsTar {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    public RootfsTar() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    public RootfsTar directory(String path) {
        return put(new TarArchiveEntry(path.endsWith("/") ? path : path + "/"), null); // mode 0755
    }

    public RootfsTar file(String path, byte[] content, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setMode(0100000 | mode); // regular file
        entry.setSize(content.length);
        return put(entry, content);
    }

    public RootfsTar symlink(String path, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        return put(entry, null);
    }

    public byte[] toBytes() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private RootfsTar put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
