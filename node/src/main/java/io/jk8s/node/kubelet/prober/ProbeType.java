package io.jk8s.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/** kubelet's three probe kinds and the result each holds before its first run ({@code prober/worker.go}). */
enum ProbeType {
    LIVENESS(true), READINESS(false), STARTUP(null);

    /** The result before the first probe: liveness passes, readiness fails, startup is unknown (null). */
    final Boolean initial;

    ProbeType(Boolean initial) {
        this.initial = initial;
    }

    Probe of(Container c) {
        return switch (this) {
            case LIVENESS -> c.getLivenessProbe();
            case READINESS -> c.getReadinessProbe();
            case STARTUP -> c.getStartupProbe();
        };
    }

    String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
