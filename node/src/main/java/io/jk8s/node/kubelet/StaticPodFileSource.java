package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static pods from a manifest directory, as kubelet's file source ({@code pkg/kubelet/config/file.go},
 * {@code common.go}): every regular, non-hidden file holds one Pod (YAML or JSON). The directory is
 * read again on every change it reports and at least every 20 s (kubelet's fileCheckFrequency). Each
 * pod is defaulted the way kubelet does it: its UID is an MD5 of node, file and content, its name gets
 * {@code -<node name>}, namespace {@code default}, spec.nodeName this node, the config.hash,
 * config.source and config.seen annotations, a toleration of every NoExecute taint, phase Pending.
 * A file that cannot be read or parsed keeps the pod it last produced (a half-written file is not a
 * deletion), as kubelet's inotify path retries instead of updating.
 */
final class StaticPodFileSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StaticPodFileSource.class);
    static final Duration CHECK_FREQUENCY = Duration.ofSeconds(20);
    static final String CONFIG_HASH = "kubernetes.io/config.hash";
    static final String CONFIG_SOURCE = "kubernetes.io/config.source";
    static final String CONFIG_SEEN = "kubernetes.io/config.seen";

    /** What the kubelet does when the set of static pods changes. */
    interface Listener {
        /** A pod appeared or its manifest changed (a changed manifest is a new pod: the old one is removed first). */
        void added(Pod pod);

        void removed(Pod pod);
    }

    private final Path dir;
    private final String nodeName;
    private final Clock clock;
    private final KubernetesSerialization serialization;
    /** file → the pod it produced; keyed by file so a broken rewrite keeps the previous pod. */
    private final Map<Path, Pod> byFile = new ConcurrentHashMap<>();
    private volatile Map<String, Pod> byKey = Map.of();
    /** Whether the directory was read once (or found absent): only then is a pod missing from it unwanted. */
    private volatile boolean ready;
    private Listener listener;
    private volatile WatchService watcher;
    private Thread loop;

    StaticPodFileSource(Path dir, String nodeName, Clock clock, KubernetesSerialization serialization) {
        this.dir = dir;
        this.nodeName = nodeName;
        this.clock = clock;
        this.serialization = serialization;
    }

    /** Reads the directory once (so the kubelet knows its static pods before it cleans up), then follows it. */
    void start(Listener listener) {
        this.listener = listener;
        watch();
        rescan();
        loop = new Thread(this::follow, "kubelet-static-pods");
        loop.setDaemon(true);
        loop.start();
        log.info("static pods: {} manifest(s) in {}", byKey.size(), dir);
    }

    /** The static pod with this namespace/name key, or null. */
    Pod get(String key) {
        return byKey.get(key);
    }

    Collection<Pod> pods() {
        return byKey.values();
    }

    /**
     * kubelet's "sources ready" for the file source: its first complete read of the directory is done.
     * Until then the kubelet must not take a static pod for gone, neither its containers nor its mirror.
     */
    boolean ready() {
        return ready;
    }

    /** Watches the directory if it exists; kubelet does not create it, and a later one is found by the next check. */
    private void watch() {
        if (watcher != null || !Files.isDirectory(dir)) {
            return;
        }
        try {
            WatchService service = dir.getFileSystem().newWatchService();
            try {
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException e) {
                service.close();
                throw e;
            }
            watcher = service;
        } catch (IOException e) {
            log.warn("static pods: cannot watch {} ({}); reading it every {} s", dir, e.toString(), CHECK_FREQUENCY.toSeconds());
        }
    }

    private void follow() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                watch();
                if (watcher != null) {
                    var key = watcher.poll(CHECK_FREQUENCY.toMillis(), TimeUnit.MILLISECONDS);
                    if (key != null) {
                        // an editor's write comes as several events: let them settle, then read once
                        Thread.sleep(100);
                        key.pollEvents();
                        if (!key.reset()) {
                            // the directory itself went away: look for it again on the next check
                            watcher.close();
                            watcher = null;
                        }
                    }
                } else {
                    Thread.sleep(CHECK_FREQUENCY.toMillis());
                }
                rescan();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (IOException e) {
                watcher = null;
            } catch (RuntimeException e) {
                log.warn("static pods: reading {}: {}", dir, e.toString());
            }
        }
    }

    synchronized void rescan() {
        List<Path> files = List.of();
        if (Files.isDirectory(dir)) {
            files = list();
            if (files == null) {
                return;
            }
        }
        byFile.keySet().retainAll(files);
        for (Path file : files) {
            Pod previous = byFile.get(file);
            try {
                Pod pod = decode(file);
                if (previous != null && previous.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                    continue; // unchanged: keep the pod (and its config.seen) as first read
                }
                byFile.put(file, pod);
            } catch (IOException | RuntimeException e) {
                log.warn("static pods: cannot use {}{}: {}", file, previous == null ? "" : " (keeping the pod it defined before)",
                        e.getMessage());
            }
        }
        Map<String, Pod> next = new LinkedHashMap<>();
        for (Pod pod : byFile.values()) {
            String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (next.putIfAbsent(key, pod) != null) {
                log.warn("static pods: two manifests in {} define pod {}; using the first", dir, key);
            }
        }
        Map<String, Pod> old = byKey;
        byKey = Map.copyOf(next);
        ready = true;
        notifyChanges(old, byKey);
    }

    /** The manifest files, or null if the directory cannot be read (then nothing changes). */
    private List<Path> list() {
        try (Stream<Path> list = Files.list(dir)) {
            // kubelet ignores hidden files (editors' swap files) and directories
            return list.filter(f -> !f.getFileName().toString().startsWith(".") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            log.warn("static pods: cannot list {}: {}", dir, e.toString());
            return null;
        }
    }

    private void notifyChanges(Map<String, Pod> old, Map<String, Pod> now) {
        List<Pod> removed = new ArrayList<>();
        List<Pod> added = new ArrayList<>();
        old.forEach((key, pod) -> {
            Pod current = now.get(key);
            if (current == null || !current.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                removed.add(pod);
            }
        });
        now.forEach((key, pod) -> {
            Pod before = old.get(key);
            if (before == null || !before.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                added.add(pod);
            }
        });
        removed.forEach(listener::removed);
        added.forEach(listener::added);
    }

    private Pod decode(Path file) throws IOException {
        String text = Files.readString(file);
        Object parsed = serialization.unmarshal(text);
        if (!(parsed instanceof Pod pod)) {
            String kind = parsed instanceof HasMetadata object ? object.getKind() : String.valueOf(parsed);
            throw new IllegalArgumentException("not a Pod: " + kind);
        }
        if (pod.getMetadata() == null || pod.getMetadata().getName() == null || pod.getMetadata().getName().isEmpty()) {
            throw new IllegalArgumentException("metadata.name is required");
        }
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null || pod.getSpec().getContainers().isEmpty()) {
            throw new IllegalArgumentException("spec.containers: Required value");
        }
        applyDefaults(pod, file);
        return pod;
    }

    /** kubelet's applyDefaults for the file source, plus config.source and config.seen (config.go). */
    private void applyDefaults(Pod pod, Path file) {
        var meta = pod.getMetadata();
        if (meta.getUid() == null || meta.getUid().isEmpty()) {
            meta.setUid(hash("host:" + nodeName + "file:" + file.toAbsolutePath() + serialization.asJson(pod)));
        }
        meta.setName(meta.getName() + "-" + nodeName.toLowerCase(Locale.ROOT));
        if (meta.getNamespace() == null || meta.getNamespace().isEmpty()) {
            meta.setNamespace("default");
        }
        pod.getSpec().setNodeName(nodeName);
        Map<String, String> annotations = new LinkedHashMap<>(Objects.requireNonNullElse(meta.getAnnotations(), Map.of()));
        annotations.put(CONFIG_HASH, meta.getUid());
        annotations.put(CONFIG_SOURCE, "file");
        annotations.put(CONFIG_SEEN, clock.instant().toString());
        meta.setAnnotations(annotations);
        // static pods tolerate every NoExecute taint, so node problems never evict them
        Toleration noExecute = new TolerationBuilder().withOperator("Exists").withEffect("NoExecute").build();
        List<Toleration> tolerations = new ArrayList<>(Objects.requireNonNullElse(pod.getSpec().getTolerations(), List.of()));
        if (!tolerations.contains(noExecute)) {
            tolerations.add(noExecute);
        }
        pod.getSpec().setTolerations(tolerations);
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending").build());
    }

    private static String hash(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.interrupt();
        }
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // closing: nothing to do about it
            }
        }
    }
}
