package io.jk8s.reconcilers.daemon;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.history.ControllerRevisions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DaemonSet's pod for one node (kube's daemon/util): the template with the revision hash and
 * template generation labels, the tolerations kube adds to every daemon pod, and required node
 * affinity on {@code metadata.name} so that the default scheduler binds it to exactly that node.
 */
final class DaemonPods {

    static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";
    /** apps/v1 keeps extensions' spec.templateGeneration in this annotation. */
    static final String TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

    private DaemonPods() {}

    /** AddOrUpdateDaemonPodTolerations: daemons stay through node problems and on cordoned nodes. */
    private static List<Toleration> automaticTolerations(PodSpec spec) {
        List<Toleration> tolerations = new ArrayList<>(List.of(
                exists("node.kubernetes.io/not-ready", "NoExecute"),
                exists("node.kubernetes.io/unreachable", "NoExecute"),
                exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
                exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
                exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
                exists("node.kubernetes.io/unschedulable", "NoSchedule")));
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            tolerations.add(exists("node.kubernetes.io/network-unavailable", "NoSchedule"));
        }
        return tolerations;
    }

    private static Toleration exists(String key, String effect) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
    }

    /** The template's spec as the pod for {@code node} would carry it, for eligibility checks and creation. */
    static PodSpec specFor(DaemonSet ds, String node, KubernetesSerialization serialization) {
        PodSpec spec = serialization.clone(ds.getSpec().getTemplate().getSpec());
        List<Toleration> tolerations = new ArrayList<>(Objects.requireNonNullElse(spec.getTolerations(), List.of()));
        for (Toleration automatic : automaticTolerations(spec)) {
            tolerations.removeIf(t -> Objects.equals(t.getKey(), automatic.getKey()) && Objects.equals(t.getEffect(), automatic.getEffect()));
            tolerations.add(automatic);
        }
        spec.setTolerations(tolerations);
        return spec;
    }

    /** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become "metadata.name In [node]". */
    static void pinTo(PodSpec spec, String node) {
        NodeSelector selector = new NodeSelector(List.of(new NodeSelectorTermBuilder()
                .withMatchFields(new NodeSelectorRequirementBuilder().withKey("metadata.name").withOperator("In").withValues(node).build())
                .build()));
        Affinity affinity = spec.getAffinity() == null ? new Affinity() : spec.getAffinity();
        NodeAffinity nodeAffinity = affinity.getNodeAffinity() == null ? new NodeAffinity() : affinity.getNodeAffinity();
        nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(selector);
        affinity.setNodeAffinity(nodeAffinity);
        spec.setAffinity(affinity);
    }

    static Pod newPod(DaemonSet ds, String node, String hash, KubernetesSerialization serialization) {
        var template = ds.getSpec().getTemplate();
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(template.getMetadata().getLabels());
        labels.put(ControllerRevisions.HASH_LABEL, hash);
        String generation = generation(ds);
        if (generation != null) {
            labels.put(TEMPLATE_GENERATION_LABEL, generation);
        }
        PodSpec spec = specFor(ds, node, serialization);
        pinTo(spec, node);
        return new PodBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withGenerateName(ds.getMetadata().getName() + "-")
                        .withNamespace(ds.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withAnnotations(template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                                : new HashMap<>(template.getMetadata().getAnnotations()))
                        .withOwnerReferences(Owners.controllerReference(ds))
                        .build())
                .withSpec(spec)
                .build();
    }

    static String generation(DaemonSet ds) {
        Map<String, String> annotations = ds.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(TEMPLATE_GENERATION_ANNOTATION);
    }

    /** IsPodUpdated: the pod carries the current revision hash or template generation. */
    static boolean isUpdated(Pod pod, String hash, String generation) {
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        return hash.equals(labels.get(ControllerRevisions.HASH_LABEL))
                || (generation != null && generation.equals(labels.get(TEMPLATE_GENERATION_LABEL)));
    }

    /** GetTargetNodeName: where the pod runs, or the node its affinity pins it to before it is bound. */
    static String targetNode(Pod pod) {
        if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
            return pod.getSpec().getNodeName();
        }
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return null;
        }
        for (var term : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
            for (var field : Objects.requireNonNullElse(term.getMatchFields(), List.<io.fabric8.kubernetes.api.model.NodeSelectorRequirement>of())) {
                if ("metadata.name".equals(field.getKey()) && "In".equals(field.getOperator()) && field.getValues().size() == 1) {
                    return field.getValues().get(0);
                }
            }
        }
        return null;
    }
}
