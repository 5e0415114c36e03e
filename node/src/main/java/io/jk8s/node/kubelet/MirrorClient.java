package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirror pods: the API's read-only view of a static pod (kubelet's {@code pkg/kubelet/pod/mirror_client.go}
 * and {@code tryReconcileMirrorPods} in {@code kubelet.go}). A mirror pod carries the static pod's
 * spec and annotations plus {@code kubernetes.io/config.mirror} (the static pod's hash), and is owned
 * by its Node, so deleting the Node collects it. Deleting a mirror pod stops nothing: the kubelet
 * deletes what is left of it and creates it again.
 */
final class MirrorClient {

    private static final Logger log = LoggerFactory.getLogger(MirrorClient.class);
    static final String CONFIG_MIRROR = "kubernetes.io/config.mirror";

    private final KubernetesClient client;
    private final PodStatusManager statusManager;
    private final String nodeName;

    MirrorClient(KubernetesClient client, PodStatusManager statusManager, String nodeName) {
        this.client = client;
        this.statusManager = statusManager;
        this.nodeName = nodeName;
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
     * version of the manifest is deleted (grace 0, uid precondition) and a fresh one created.
     */
    void reconcile(Pod staticPod, Pod mirror) {
        boolean deleted = false;
        if (mirror != null && (mirror.getMetadata().getDeletionTimestamp() != null || !isMirrorPodOf(mirror, staticPod))) {
            statusManager.confirmDeletion(mirror);
            deleted = true;
        }
        if (mirror == null || deleted) {
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
