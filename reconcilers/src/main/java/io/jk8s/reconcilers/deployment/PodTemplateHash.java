package io.jk8s.reconcilers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jk8s.reconcilers.framework.ObjectHash;

/**
 * The {@code pod-template-hash} label: FNV-1a of the template (and the collision count), as kube's
 * ComputeHash. The input serialization differs from Go's, so values differ from kube's, but they
 * have the same form and stability.
 */
final class PodTemplateHash {

    private PodTemplateHash() {}

    static String of(PodTemplateSpec template, Integer collisionCount, KubernetesSerialization serialization) {
        String json = serialization.asJson(template);
        return collisionCount == null ? ObjectHash.fnv1a(json) : ObjectHash.fnv1a(json, Integer.toString(collisionCount));
    }
}
