package io.jk8s.reconcilers.statefulset;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.history.ControllerRevisions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stable identity of a StatefulSet's pods (kube's stateful_set_utils.go): the name
 * {@code <set>-<ordinal>}, the hostname and subdomain, the pod-name and pod-index labels, the
 * revision label, and one PersistentVolumeClaim per volumeClaimTemplate named
 * {@code <template>-<set>-<ordinal>}.
 */
final class StatefulPods {

    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private StatefulPods() {}

    static String name(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    /** spec.ordinals.start: the first ordinal (0 by default). */
    static int start(StatefulSet set) {
        return set.getSpec().getOrdinals() == null ? 0 : Objects.requireNonNullElse(set.getSpec().getOrdinals().getStart(), 0);
    }

    /** The pod's ordinal when its name is {@code <set>-<number>}, else -1 (getParentNameAndOrdinal). */
    static int ordinal(StatefulSet set, Pod pod) {
        String prefix = set.getMetadata().getName() + "-";
        String name = pod.getMetadata().getName();
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return -1;
        }
        String digits = name.substring(prefix.length());
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    static String revision(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(ControllerRevisions.HASH_LABEL);
    }

    static Pod newPod(StatefulSet set, PodTemplateSpec template, String revisionName, int ordinal,
            KubernetesSerialization serialization) {
        String name = name(set, ordinal);
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(template.getMetadata().getLabels());
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(ControllerRevisions.HASH_LABEL, revisionName);
        PodSpec spec = serialization.clone(template.getSpec());
        spec.setHostname(name);
        if (set.getSpec().getServiceName() != null && !set.getSpec().getServiceName().isEmpty()) {
            spec.setSubdomain(set.getSpec().getServiceName());
        }
        List<Volume> volumes = new ArrayList<>(spec.getVolumes() == null ? List.of() : spec.getVolumes());
        for (PersistentVolumeClaim claim : claimTemplates(set)) {
            volumes.removeIf(v -> v.getName().equals(claim.getMetadata().getName()));
            volumes.add(new VolumeBuilder().withName(claim.getMetadata().getName())
                    .withNewPersistentVolumeClaim().withClaimName(claimName(claim, set, ordinal)).endPersistentVolumeClaim().build());
        }
        spec.setVolumes(volumes);
        return new PodBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(name)
                        .withNamespace(set.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withAnnotations(template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                                : new HashMap<>(template.getMetadata().getAnnotations()))
                        .withOwnerReferences(Owners.controllerReference(set))
                        .build())
                .withSpec(spec)
                .build();
    }

    /** The claims the pod at {@code ordinal} mounts, labelled with the set's selector (getPersistentVolumeClaims). */
    static List<PersistentVolumeClaim> claims(StatefulSet set, int ordinal) {
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (PersistentVolumeClaim template : claimTemplates(set)) {
            Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
            if (set.getSpec().getSelector().getMatchLabels() != null) {
                labels.putAll(set.getSpec().getSelector().getMatchLabels());
            }
            claims.add(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(claimName(template, set, ordinal)).withNamespace(set.getMetadata().getNamespace())
                    .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
                    .withSpec(template.getSpec())
                    .build());
        }
        return claims;
    }

    private static List<PersistentVolumeClaim> claimTemplates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null ? List.of() : set.getSpec().getVolumeClaimTemplates();
    }

    private static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
        return template.getMetadata().getName() + "-" + name(set, ordinal);
    }
}
