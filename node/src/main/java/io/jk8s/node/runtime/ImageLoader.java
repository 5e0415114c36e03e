package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts images into the engine without a registry: the air-gap tarballs of {@code <data-dir>/images}
 * ({@code docker save} output, loaded at start as k3s does) and the pause image, which jk8s makes
 * itself from a 560-byte static binary ({@code src/main/pause/pause-amd64.S}).
 */
public final class ImageLoader {

    /** The sandbox image; the tag moves with pause-amd64.S so an old image is never reused by mistake. */
    public static final String PAUSE_IMAGE = "jk8s.local/pause:1";

    private static final Logger log = LoggerFactory.getLogger(ImageLoader.class);
    private final DockerClient docker;

    public ImageLoader(DockerClient docker) {
        this.docker = docker;
    }

    /** Loads every {@code *.tar} (or {@code .tar.gz}) of the directory; returns the files loaded. */
    public List<Path> loadAirGapImages(Path imagesDir) {
        List<Path> loaded = new ArrayList<>();
        if (!Files.isDirectory(imagesDir)) {
            return loaded;
        }
        try (Stream<Path> files = Files.list(imagesDir)) {
            for (Path tarball : files.filter(ImageLoader::isTarball).sorted().toList()) {
                try (InputStream in = Files.newInputStream(tarball)) {
                    docker.loadImageCmd(in).exec();
                }
                log.info("loaded images from {}", tarball);
                loaded.add(tarball);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read air-gap images in " + imagesDir, e);
        }
        return loaded;
    }

    /** Imports the pause image unless the engine has it (an air-gap tarball may have provided it). */
    public void ensurePauseImage() {
        if (hasImage(PAUSE_IMAGE)) {
            return;
        }
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new IllegalStateException("jk8s builds its pause image for amd64 only; on " + arch
                    + " put a tarball of an image tagged " + PAUSE_IMAGE + " into the data dir's images/");
        }
        importRootfs(PAUSE_IMAGE, new RootfsTar().file("pause", pauseBinary(), 0755).toBytes());
        log.info("imported the pause image {}", PAUSE_IMAGE);
    }

    /**
     * {@code docker import}: a root filesystem tar becomes a one-layer image. Sent on docker-java's
     * transport by hand because its CreateImageCmd encodes the stream as JSON (docker-java issue #2377).
     */
    public void importRootfs(String reference, byte[] rootfsTar) {
        if (!(docker instanceof DockerClientImpl impl)) {
            throw new IllegalStateException("importing needs docker-java's DockerClientImpl, not " + docker.getClass());
        }
        int colon = reference.lastIndexOf(':');
        String query = "fromSrc=-&repo=" + encode(reference.substring(0, colon)) + "&tag=" + encode(reference.substring(colon + 1));
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/images/create?" + query)
                .putHeader("Content-Type", "application/x-tar")
                .bodyBytes(rootfsTar)
                .build();
        try (DockerHttpClient.Response response = impl.getHttpClient().execute(request)) {
            // Docker answers 200 and reports a failed import inside the progress stream.
            String progress = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200 || progress.contains("\"errorDetail\"")) {
                throw new IllegalStateException("docker import of " + reference + " failed: " + response.getStatusCode()
                        + " " + progress.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("docker import of " + reference + " failed", e);
        }
    }

    public boolean hasImage(String reference) {
        try {
            docker.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    static byte[] pauseBinary() {
        try (InputStream in = ImageLoader.class.getResourceAsStream("pause-amd64")) {
            if (in == null) {
                throw new IllegalStateException("pause-amd64 is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isTarball(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".tar") || name.endsWith(".tar.gz"));
    }
}
