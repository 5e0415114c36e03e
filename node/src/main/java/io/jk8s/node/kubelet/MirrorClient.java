package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirror pods: the API's read-only view of a static pod (kubelet's {@code pkg/kubelet/pod/mirror_client.go}
 * and {@code tryReconcileMirrorPods} in {@code kubelet.go}). A mirror pod carries the static pod's
 * spec and annotations plus {@code kubernetes.io/config.mirror} (the static pod's hash), and is owned
 * by its Node, so deleting the Node collects it. Deleting a mirror pod stops nothing: the kubelet
 * deletes what is left of it and creates it again.
 *
 * <p>Unlike kubelet, which creates the new mirror in the same sync, the name stays free for
 * {@link #RECREATE_DELAY} first. {@code kubectl delete} waits by listing and watching the name; a
 * mirror back within the ~100 ms between its list and its first cache check makes it wait for a
 * DELETED event that never comes (kubernetes#123177), which our fast sync hit about one time in four.
 */
final class MirrorClient {

    private static final Logger log = LoggerFactory.getLogger(MirrorClient.class);
    static final String CONFIG_MIRROR = "kubernetes.io/config.mirror";
    static final Duration RECREATE_DELAY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final PodStatusManager statusManager;
    private final String nodeName;
    private final ScheduledExecutorService timers;
    private final Consumer<String> resync;
    /** keys of static pods whose deleted mirror is not created again yet */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** @param resync syncs a static pod's key again; called once a held-off mirror may be created */
    MirrorClient(KubernetesClient client, PodStatusManager statusManager, String nodeName,
            ScheduledExecutorService timers, Consumer<String> resync) {
        this.client = client;
        this.statusManager = statusManager;
        this.nodeName = nodeName;
        this.timers = timers;
        this.resync = resync;
    }

    static boolean isMirrorPod(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(CONFIG_MIRROR);
    }

    /** kubelet's IsMirrorPodOf: same name and namespace, and the mirror's hash is the static pod's. */
    static boolean isMirrorPodOf(Pod mirror, Pod staticPod) {
        return mirror.getMetadata().getName().equals(staticPod.getMetadata().getName())
                && mirror.getMetadata().getNamespace().equals(staticPod.getMetadata().getNamespace())
                && isMirrorPod(mirror)
                && mirror.getMetadata().getAnnotations().get(CONFIG_MIRROR).equals(hash(staticPod));
    }

    private static String hash(Pod staticPod) {
        return staticPod.getMetadata().getAnnotations().get(StaticPodFileSource.CONFIG_HASH);
    }

    /**
     * Brings the API's mirror of {@code staticPod} in line: a mirror being deleted or of another
     * version of the manifest is deleted (grace 0, uid precondition) and a fresh one created
     * {@link #RECREATE_DELAY} later; a missing one is created at once.
     */
    void reconcile(String key, Pod staticPod, Pod mirror) {
        if (mirror != null && (mirror.getMetadata().getDeletionTimestamp() != null || !isMirrorPodOf(mirror, staticPod))) {
            statusManager.confirmDeletion(mirror);
            if (held.add(key)) {
                timers.schedule(() -> {
                    held.remove(key);
                    resync.accept(key);
                }, RECREATE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (mirror == null && !held.contains(key)) {
            create(staticPod);
        }
    }

    /** Deletes a mirror pod whose static pod is gone (kubelet's orphaned mirror pod cleanup). */
    void deleteOrphan(Pod mirror) {
        log.info("deleting mirror pod {}/{}: its static pod is gone", mirror.getMetadata().getNamespace(), mirror.getMetadata().getName());
        statusManager.confirmDeletion(mirror);
    }

    private void create(Pod staticPod) {
        Node node = client.nodes().withName(nodeName).get();
        if (node == null || node.getMetadata().getDeletionTimestamp() != null) {
            // kubelet: no mirror pod for a node that is not (or no longer) in the cluster
            return;
        }
        Pod copy = client.getKubernetesSerialization().clone(staticPod);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setResourceVersion(null);
        copy.setStatus(null);
        Map<String, String> annotations = new LinkedHashMap<>(copy.getMetadata().getAnnotations());
        annotations.put(CONFIG_MIRROR, hash(staticPod));
        copy.getMetadata().setAnnotations(annotations);
        copy.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("Node").withName(nodeName).withUid(node.getMetadata().getUid())
                .withController(true).build()));
        try {
            client.pods().inNamespace(copy.getMetadata().getNamespace()).resource(copy).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // already there: fine if it mirrors this version; otherwise the next sync replaces it
        }
    }
}
