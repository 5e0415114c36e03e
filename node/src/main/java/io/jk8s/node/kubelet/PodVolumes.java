package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.jk8s.node.runtime.ContainerConfig.Mount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's volumes as host directories bound into its containers, laid out as kubelet lays them out
 * ({@code <root>/pods/<uid>/volumes/<plugin>/<name>}), so an emptyDir lives as long as the pod, is
 * shared by its containers and survives their restarts. emptyDir (medium Memory is a tmpfs mounted
 * there), hostPath, and the API-backed types of {@link VolumePayloads}, which are written when a
 * container needs them and rewritten by {@link #refresh} so updates of their objects reach running pods.
 */
final class PodVolumes {

    private static final Logger log = LoggerFactory.getLogger(PodVolumes.class);
    /** How often a running pod's configMap/secret/downwardAPI files are brought up to date (kubelet: its sync period). */
    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final Path podsDir;
    private final VolumePayloads payloads;
    private final Map<String, Instant> refreshed = new ConcurrentHashMap<>();

    PodVolumes(Path podsDir, VolumePayloads payloads) {
        this.podsDir = podsDir;
        this.payloads = payloads;
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
            boolean readOnly = Boolean.TRUE.equals(vm.getReadOnly());
            if (volume.getEmptyDir() != null) {
                source = create(volumeDir(pod, "kubernetes.io~empty-dir", volume));
                if ("Memory".equals(volume.getEmptyDir().getMedium())) {
                    Tmpfs.ensureMounted(source, volume.getEmptyDir().getSizeLimit());
                }
            } else if (volume.getHostPath() != null) {
                source = HostPathTypes.prepare(volume.getHostPath());
            } else if (VolumePayloads.fromApi(volume)) {
                source = volumeDir(pod, VolumePayloads.pluginDir(volume), volume);
                write(pod, volume, source);
                readOnly = true; // kubelet mounts these read-only whatever the mount says
            } else {
                throw new IllegalArgumentException("volume \"" + vm.getName() + "\": jk8s supports emptyDir, hostPath,"
                        + " configMap, secret, downwardAPI and projected volumes");
            }
            if (vm.getSubPath() != null && !vm.getSubPath().isEmpty()) {
                Path sub = source.resolve(vm.getSubPath()).normalize();
                // a file of a configMap is a symlink into ..data: bind what it points at (no updates, as in kube)
                source = Files.exists(sub) ? realPath(sub) : create(sub);
            }
            mounts.add(new Mount(source.toAbsolutePath().toString(), vm.getMountPath(), readOnly));
        }
        return mounts;
    }

    /** Rewrites the API-backed volumes of a running pod when their objects changed, at most every {@link #REFRESH}. */
    void refresh(Pod pod) {
        String uid = pod.getMetadata().getUid();
        Instant now = Instant.now();
        Instant last = refreshed.putIfAbsent(uid, now);
        if (last == null || now.isBefore(last.plus(REFRESH)) || pod.getSpec().getVolumes() == null) {
            return;
        }
        refreshed.put(uid, now);
        for (Volume volume : pod.getSpec().getVolumes()) {
            Path dir = VolumePayloads.fromApi(volume) ? volumeDir(pod, VolumePayloads.pluginDir(volume), volume) : null;
            if (dir != null && Files.isDirectory(dir)) {
                try {
                    write(pod, volume, dir);
                } catch (RuntimeException e) {
                    log.info("pod {}/{}: volume {} not refreshed: {}", pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName(), volume.getName(), e.getMessage());
                }
            }
        }
    }

    /**
     * Creates the pod's directory before anything of the pod runs, as kubelet's {@code makePodDataDirs} in
     * every sync. It is this kubelet's record that it runs the pod: the engine may be shared with other
     * nodes, so a restarted kubelet collects only the containers of pods it finds a directory of.
     */
    void makePodDir(String podUid) {
        create(podsDir.resolve(podUid));
    }

    /** The uids of the pods with a directory, as kubelet's {@code listPodsFromDisk}. */
    Set<String> podsOnDisk() {
        if (!Files.isDirectory(podsDir)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(podsDir)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + podsDir, e);
        }
    }

    /** Deletes the pod's directory once its containers are gone (kubelet's orphaned pod dirs cleanup). */
    void remove(String podUid) {
        refreshed.remove(podUid);
        Path dir = podsDir.resolve(podUid);
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Tmpfs.unmountUnder(dir);
            AtomicWriter.delete(dir);
        } catch (IOException | RuntimeException e) {
            // a leftover directory must not keep the pod from being confirmed deleted
            log.warn("cannot remove the volumes of pod {} in {}: {}", podUid, dir, e.toString());
        }
    }

    private void write(Pod pod, Volume volume, Path dir) {
        try {
            if (AtomicWriter.write(dir, payloads.payload(pod, volume))) {
                log.debug("pod {}/{}: volume {} written", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        volume.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write volume " + volume.getName() + " in " + dir, e);
        }
    }

    private Path volumeDir(Pod pod, String plugin, Volume volume) {
        return podsDir.resolve(pod.getMetadata().getUid()).resolve("volumes").resolve(plugin).resolve(volume.getName());
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path create(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** emptyDir medium Memory: a tmpfs on the volume's directory, as kubelet's empty_dir plugin mounts it. */
    private static final class Tmpfs {

        static void ensureMounted(Path dir, Quantity sizeLimit) {
            if (mountPoints().contains(dir.toAbsolutePath().toString())) {
                return;
            }
            String options = sizeLimit == null ? "mode=0777"
                    : "mode=0777,size=" + Quantity.getAmountInBytes(sizeLimit).toBigInteger();
            run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toAbsolutePath().toString());
        }

        static void unmountUnder(Path dir) {
            String prefix = dir.toAbsolutePath() + "/";
            for (String mountPoint : mountPoints()) {
                if (mountPoint.startsWith(prefix)) {
                    run("umount", mountPoint);
                }
            }
        }

        private static List<String> mountPoints() {
            try {
                // /proc/self/mountinfo: the fifth field is the mount point (octal escapes for spaces)
                return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" ")[4]).toList();
            } catch (IOException e) {
                return List.of();
            }
        }

        private static void run(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (process.waitFor() != 0) {
                    throw new VolumeNotReadyException(String.join(" ", command) + " failed: " + output.strip());
                }
            } catch (IOException e) {
                throw new VolumeNotReadyException(String.join(" ", command) + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VolumeNotReadyException("interrupted");
            }
        }
    }
}
