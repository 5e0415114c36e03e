package io.jk8s.reconcilers.daemon;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jk8s.reconcilers.framework.RequiredNodeAffinity;
import io.jk8s.reconcilers.framework.Tolerations;
import java.util.List;
import java.util.Objects;

/**
 * kube's nodeShouldRunDaemonPod: a node should run the daemon pod when the pod's nodeName,
 * nodeSelector and required node affinity admit it and it tolerates the node's NoSchedule and
 * NoExecute taints; a pod already there may stay unless a NoExecute taint is not tolerated.
 * Readiness and cordoning do not matter: daemon pods tolerate both.
 */
record NodeEligibility(boolean shouldRun, boolean shouldContinueRunning) {

    static NodeEligibility of(DaemonSet ds, Node node, KubernetesSerialization serialization) {
        PodSpec spec = DaemonPods.specFor(ds, node.getMetadata().getName(), serialization);
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty() && !spec.getNodeName().equals(node.getMetadata().getName())) {
            return new NodeEligibility(false, false);
        }
        if (!RequiredNodeAffinity.matches(spec, node)) {
            return new NodeEligibility(false, false);
        }
        List<Taint> taints = node.getSpec() == null ? List.of() : Objects.requireNonNullElse(node.getSpec().getTaints(), List.of());
        boolean untolerated = false;
        for (Taint taint : taints) {
            if (("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect()))
                    && !Tolerations.tolerate(spec.getTolerations(), taint)) {
                if ("NoExecute".equals(taint.getEffect())) {
                    return new NodeEligibility(false, false);
                }
                untolerated = true;
            }
        }
        return untolerated ? new NodeEligibility(false, true) : new NodeEligibility(true, true);
    }
}
