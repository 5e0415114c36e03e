package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests become static pods with kubelet's file-source defaults; edits and removals are reported once. */
class StaticPodFileSourceTest {

    private static final String WEB = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: httpd, image: busybox}]
            """;

    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private StaticPodFileSource source;
    private final StaticPodFileSource.Listener recorder = new StaticPodFileSource.Listener() {
        @Override
        public void added(Pod pod) {
            events.add("added " + pod.getMetadata().getName() + " " + pod.getMetadata().getUid());
        }

        @Override
        public void removed(Pod pod) {
            events.add("removed " + pod.getMetadata().getName() + " " + pod.getMetadata().getUid());
        }
    };

    private StaticPodFileSource start() {
        source = new StaticPodFileSource(dir, "Worker-1", Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
                new KubernetesSerialization());
        source.start(recorder);
        return source;
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void aManifestGetsKubeletsDefaults() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), WEB);
        Pod pod = start().get("default/web-worker-1");
        String uid = pod.getMetadata().getUid();
        assertTrue(uid.matches("[0-9a-f]{32}"), uid);
        assertEquals("worker-1 Pending", pod.getSpec().getNodeName().toLowerCase() + " " + pod.getStatus().getPhase());
        assertEquals("Worker-1", pod.getSpec().getNodeName());
        assertEquals(uid, pod.getMetadata().getAnnotations().get("kubernetes.io/config.hash"));
        assertEquals("file", pod.getMetadata().getAnnotations().get("kubernetes.io/config.source"));
        assertEquals("2026-01-02T03:04:05Z", pod.getMetadata().getAnnotations().get("kubernetes.io/config.seen"));
        assertEquals(List.of(new TolerationBuilder().withOperator("Exists").withEffect("NoExecute").build()),
                pod.getSpec().getTolerations());
        assertEquals(List.of("added web-worker-1 " + uid), events);
    }

    @Test
    void theUidIsStableForTheSameContentAndChangesWithIt() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), WEB);
        start();
        String first = source.get("default/web-worker-1").getMetadata().getUid();
        source.rescan();
        assertEquals(1, events.size(), "an unchanged manifest is no event: " + events);

        Files.writeString(dir.resolve("web.yaml"), WEB.replace("busybox", "busybox:2"));
        source.rescan();
        String second = source.get("default/web-worker-1").getMetadata().getUid();
        assertNotEquals(first, second);
        assertEquals(List.of("added web-worker-1 " + first, "removed web-worker-1 " + first, "added web-worker-1 " + second), events);
    }

    @Test
    void aRestartedSourceGivesTheSameManifestTheSameUidAndIsReadyOnceItReadTheDirectory() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), WEB);
        String before = start().get("default/web-worker-1").getMetadata().getUid();
        source.close();
        events.clear();

        // a restarted kubelet adopts the static pod's containers by this uid
        source = new StaticPodFileSource(dir, "Worker-1", Clock.systemUTC(), new KubernetesSerialization());
        assertFalse(source.ready(), "nothing read yet: no static pod may be taken for gone");
        source.start(recorder);
        assertTrue(source.ready());
        assertEquals(List.of("added web-worker-1 " + before), events);
    }

    @Test
    void hiddenFilesAndDirectoriesAreIgnoredAndABrokenRewriteKeepsThePod() throws IOException {
        Files.writeString(dir.resolve(".web.yaml.swp"), WEB);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/web.yaml"), WEB);
        Files.writeString(dir.resolve("web.yaml"), WEB.replace("{name: web}", "{name: api, namespace: kube-system}"));
        start();
        assertEquals(List.of("kube-system/api-worker-1"), source.pods().stream()
                .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).toList());

        Files.writeString(dir.resolve("web.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: ");
        source.rescan();
        assertEquals(1, source.pods().size(), "half-written: the pod stays");

        Files.delete(dir.resolve("web.yaml"));
        source.rescan();
        assertNull(source.get("kube-system/api-worker-1"));
        assertTrue(events.get(events.size() - 1).startsWith("removed api-worker-1 "), events.toString());
    }

    @Test
    void aMissingDirectoryIsNoStaticPodsUntilItAppears() throws IOException {
        Path later = dir.resolve("manifests");
        source = new StaticPodFileSource(later, "w", Clock.systemUTC(), new KubernetesSerialization());
        source.start(recorder);
        assertTrue(source.pods().isEmpty());
        assertTrue(source.ready(), "an absent directory is read: it has no static pods");
        Files.createDirectories(later);
        Files.writeString(later.resolve("web.yaml"), WEB);
        source.rescan();
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("added web-w "), events.toString());
    }
}
