package io.jk8s.node.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import io.jk8s.node.testing.BusyboxImage;
import io.jk8s.node.testing.TestDocker;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images without a registry: air-gap tarballs, and the pause image built from its source. */
class ImageLoaderTest {

    @Test
    void loadsEveryTarballOfTheAirGapDirectory(@TempDir Path dataDir) throws Exception {
        DockerClient docker = TestDocker.client();
        String busybox = BusyboxImage.ensure(docker);
        String airGapped = "jk8s-test/airgap:" + UUID.randomUUID().toString().substring(0, 8);
        docker.tagImageCmd(busybox, airGapped.substring(0, airGapped.indexOf(':')), airGapped.substring(airGapped.indexOf(':') + 1)).exec();
        Path images = Files.createDirectories(dataDir.resolve("images"));
        try (InputStream saved = docker.saveImageCmd(airGapped).exec()) {
            Files.copy(saved, images.resolve("airgap.tar"));
        }
        Files.writeString(images.resolve("README.txt"), "not an image");
        docker.removeImageCmd(airGapped).exec();
        ImageLoader loader = new ImageLoader(docker);
        assertFalse(loader.hasImage(airGapped));

        assertEquals(List.of(images.resolve("airgap.tar")), loader.loadAirGapImages(images));
        assertTrue(loader.hasImage(airGapped));
        docker.removeImageCmd(airGapped).exec();
        assertEquals(List.of(), loader.loadAirGapImages(dataDir.resolve("no-such-dir")));
    }

    @Test
    void thePauseImageIsBuiltWhenMissingAndExitsAtOnceOnSigterm() {
        DockerClient docker = TestDocker.client();
        ImageLoader loader = new ImageLoader(docker);
        if (loader.hasImage(ImageLoader.PAUSE_IMAGE)) {
            docker.removeImageCmd(ImageLoader.PAUSE_IMAGE).withForce(true).exec(); // running sandboxes keep their layer
        }
        loader.ensurePauseImage();
        assertTrue(loader.hasImage(ImageLoader.PAUSE_IMAGE));

        String id = docker.createContainerCmd(ImageLoader.PAUSE_IMAGE).withEntrypoint("/pause").exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            long start = System.nanoTime();
            docker.stopContainerCmd(id).withTimeout(10).exec();
            long millis = (System.nanoTime() - start) / 1_000_000;
            // PID 1 ignores signals it has no handler for, so without pause's handler this takes 10 s.
            assertTrue(millis < 3000, "pause stopped in " + millis + " ms");
            assertEquals(0L, docker.inspectContainerCmd(id).exec().getState().getExitCodeLong());
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void theCommittedPauseBinaryIsWhatItsSourceAssemblesTo(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/as")) && Files.isExecutable(Path.of("/usr/bin/ld")),
                "binutils (as, ld) are needed to rebuild the pause binary");
        Path rebuilt = tmp.resolve("pause");
        Process build = new ProcessBuilder("bash", "src/main/pause/build.sh", rebuilt.toString()).inheritIO().start();
        assertTrue(build.waitFor(Duration.ofSeconds(30).toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, build.exitValue());
        assertArrayEquals(Files.readAllBytes(rebuilt), ImageLoader.pauseBinary());
    }
}
