package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.jk8s.node.runtime.ContainerConfig.Mount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's volumes as host directories bound into its containers, laid out as kubelet lays them out
 * ({@code <root>/pods/<uid>/volumes/kubernetes.io~empty-dir/<name>}), so an emptyDir lives as long as
 * the pod, is shared by its containers and survives their restarts. emptyDir and hostPath only so far.
 */
final class PodVolumes {

    private static final Logger log = LoggerFactory.getLogger(PodVolumes.class);
    private final Path podsDir;

    PodVolumes(Path podsDir) {
        this.podsDir = podsDir;
    }

    /** The mounts of one container; a volume type jk8s cannot mount yet is an error the pod shows. */
    List<Mount> mounts(Pod pod, Container c) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount vm : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes() == null ? null : pod.getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(vm.getName())).findFirst().orElse(null);
            if (volume == null) {
                throw new IllegalArgumentException("volume \"" + vm.getName() + "\" not found in the pod's volumes");
            }
            Path source;
            if (volume.getEmptyDir() != null) {
                source = create(podsDir.resolve(pod.getMetadata().getUid()).resolve("volumes")
                        .resolve("kubernetes.io~empty-dir").resolve(volume.getName()));
            } else if (volume.getHostPath() != null) {
                source = Path.of(volume.getHostPath().getPath());
            } else {
                throw new IllegalArgumentException("volume \"" + vm.getName() + "\": only emptyDir and hostPath volumes are supported by jk8s so far");
            }
            if (vm.getSubPath() != null && !vm.getSubPath().isEmpty()) {
                source = create(source.resolve(vm.getSubPath()).normalize());
            }
            mounts.add(new Mount(source.toAbsolutePath().toString(), vm.getMountPath(), Boolean.TRUE.equals(vm.getReadOnly())));
        }
        return mounts;
    }

    /** Deletes the pod's directory once its containers are gone (kubelet's orphaned pod dirs cleanup). */
    void remove(String podUid) {
        Path dir = podsDir.resolve(podUid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover directory must not keep the pod from being confirmed deleted
            log.warn("cannot remove the volumes of pod {} in {}: {}", podUid, dir, e.toString());
        }
    }

    private static Path create(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
