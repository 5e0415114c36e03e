package io.jk8s.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

/** Where failed probes are reported: kubelet records an Unhealthy event at every failure, not only at the threshold. */
public interface ProbeEvents {

    ProbeEvents NONE = (pod, container, probe, output) -> { };

    /** @param probe "Liveness", "Readiness" or "Startup" */
    void unhealthy(Pod pod, Container container, String probe, String output);
}
