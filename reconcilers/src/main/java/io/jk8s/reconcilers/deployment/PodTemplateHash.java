package io.jk8s.reconcilers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} label: a 32-bit FNV-1a hash of the template (and the collision
 * count), printed in decimal and mapped onto kube's "safe" alphabet (no vowels, no look-alikes), as
 * kube's ComputeHash and rand.SafeEncodeString do. The input serialization differs from Go's, so
 * values differ from kube's, but they have the same form and stability.
 */
final class PodTemplateHash {

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private PodTemplateHash() {}

    static String of(PodTemplateSpec template, Integer collisionCount, KubernetesSerialization serialization) {
        int hash = FNV_OFFSET;
        for (byte b : serialization.asJson(template).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        if (collisionCount != null) {
            for (byte b : Integer.toString(collisionCount).getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= FNV_PRIME;
            }
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder safe = new StringBuilder(decimal.length());
        for (char c : decimal.toCharArray()) {
            safe.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return safe.toString();
    }
}
