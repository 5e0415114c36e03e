package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * kube's PodControllerRefManager.ClaimPods: the pods an owner controls, after it adopts matching
 * orphans (unless it is being deleted) and releases the pods it owns that its selector no longer
 * matches.
 */
public final class PodClaims {

    private final KubernetesClient client;
    private final Indexer<Pod> pods;

    public PodClaims(KubernetesClient client, Indexer<Pod> pods) {
        this.client = client;
        this.pods = pods;
    }

    /** @param candidate which pods of the namespace the owner may claim at all (e.g. only active ones) */
    public List<Pod> claim(HasMetadata owner, LabelSelector selector, Predicate<Pod> candidate) {
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : pods.byIndex(Cache.NAMESPACE_INDEX, owner.getMetadata().getNamespace())) {
            if (!candidate.test(pod)) {
                continue;
            }
            boolean matches = LabelSelectors.matches(selector, pod.getMetadata().getLabels());
            if (Owners.isControlledBy(pod, owner)) {
                if (matches) {
                    owned.add(pod);
                } else {
                    release(pod, owner);
                }
            } else if (matches && Owners.controllerOf(pod).isEmpty() && owner.getMetadata().getDeletionTimestamp() == null) {
                owned.add(adopt(pod, owner));
            }
        }
        return owned;
    }

    private Pod adopt(Pod pod, HasMetadata owner) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> new PodBuilder(p).editMetadata().addToOwnerReferences(Owners.controllerReference(owner)).endMetadata().build());
    }

    private void release(Pod pod, HasMetadata owner) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
            p.getMetadata().getOwnerReferences().removeIf(ref -> ref.getUid().equals(owner.getMetadata().getUid()));
            return p;
        });
    }
}
