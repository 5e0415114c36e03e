package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod directories are the kubelet's record of the pods it ran, read again by a restarted kubelet. */
class PodDirectoriesTest {

    @TempDir
    Path root;

    @Test
    void aPodHasADirectoryFromItsFirstSyncUntilItIsKilled() throws IOException {
        PodVolumes volumes = new PodVolumes(root.resolve("pods"), null);
        assertEquals(Set.of(), volumes.podsOnDisk(), "no pods directory yet");
        volumes.makePodDir("uid-1");
        volumes.makePodDir("uid-2");
        volumes.makePodDir("uid-1");
        Files.writeString(root.resolve("pods/not-a-pod"), "");
        assertEquals(Set.of("uid-1", "uid-2"), new PodVolumes(root.resolve("pods"), null).podsOnDisk(), "as a restarted kubelet reads them");
        volumes.remove("uid-1");
        assertEquals(Set.of("uid-2"), volumes.podsOnDisk());
    }
}
