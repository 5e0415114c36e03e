package io.jk8s.node.kubelet.prober;

/** What the probes say of a running container, by container id (kubelet's prober results cache). */
public interface ProbeResults {

    /** A container without probes: started and ready as soon as it runs. */
    ProbeResults NONE = new ProbeResults() {
        @Override
        public boolean started(String containerId) {
            return true;
        }

        @Override
        public boolean ready(String containerId) {
            return true;
        }
    };

    /** kubelet's {@code started}: true without a startup probe, else once it has passed. */
    boolean started(String containerId);

    /** Readiness: true without a readiness probe, else its latest result. */
    boolean ready(String containerId);
}
