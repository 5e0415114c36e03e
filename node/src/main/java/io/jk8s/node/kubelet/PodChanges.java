package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;

/**
 * Whether a pod update from the API needs a sync, as kubelet's pod config decides it
 * ({@code podsDifferSemantically} in {@code pkg/kubelet/config/config.go}): a change of spec, labels,
 * annotations or deletion does; a status-only update, mostly the kubelet's own write, does not.
 */
final class PodChanges {

    private PodChanges() {}

    static boolean matter(Pod old, Pod pod) {
        ObjectMeta a = old.getMetadata();
        ObjectMeta b = pod.getMetadata();
        return !Objects.equals(old.getSpec(), pod.getSpec())
                || !Objects.equals(a.getLabels(), b.getLabels())
                || !Objects.equals(a.getAnnotations(), b.getAnnotations())
                || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
                || !Objects.equals(a.getDeletionGracePeriodSeconds(), b.getDeletionGracePeriodSeconds())
                || !Objects.equals(a.getUid(), b.getUid());
    }
}
