package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.ContainerStatus;
import io.jk8s.node.runtime.PodSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Stops and removes everything a pod has in the runtime, as kubelet's {@code killPodWithSyncResult}:
 * all containers at once (each gets the whole grace period, SIGTERM then SIGKILL), then the sandbox,
 * then the pod's volume directories.
 */
final class PodKiller {

    private final ContainerRuntime runtime;
    private final PodVolumes volumes;
    private final ExecutorService stoppers;
    private final ContainerLifecycle lifecycle;
    private final ContainerEvents events;

    PodKiller(ContainerRuntime runtime, PodVolumes volumes, ExecutorService stoppers, ContainerLifecycle lifecycle,
              ContainerEvents events) {
        this.lifecycle = lifecycle;
        this.events = events;
        this.runtime = runtime;
        this.volumes = volumes;
        this.stoppers = stoppers;
    }

    /** A pod whose spec is gone (force-deleted): no preStop hooks to run. */
    void kill(String podUid, Duration gracePeriod) {
        kill(podUid, null, gracePeriod);
    }

    /** A pod being deleted: each container's preStop hook runs within the grace period. */
    void kill(Pod pod, Duration gracePeriod) {
        kill(pod.getMetadata().getUid(), pod, gracePeriod);
    }

    private void kill(String podUid, Pod pod, Duration gracePeriod) {
        List<ContainerStatus> containers = runtime.listContainers(podUid);
        List<PodSandbox> sandboxes = runtime.listPodSandboxes(podUid);
        String podIp = sandboxes.stream().filter(PodSandbox::ready).map(PodSandbox::ip).findFirst().orElse(null);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ContainerStatus c : containers) {
            if (c.state() != ContainerStatus.State.RUNNING) {
                continue;
            }
            Container spec = spec(pod, c.name());
            if (spec != null) {
                events.killing(pod, spec, null);
            }
            stops.add(CompletableFuture.runAsync(() -> lifecycle.kill(spec, c.id(), podIp, gracePeriod), stoppers));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        containers.forEach(c -> runtime.removeContainer(c.id()));
        for (PodSandbox sandbox : sandboxes) {
            runtime.stopPodSandbox(sandbox.id());
            runtime.removePodSandbox(sandbox.id());
        }
        volumes.remove(podUid);
    }

    private static Container spec(Pod pod, String name) {
        return pod == null ? null : EphemeralContainers.spec(pod, name).orElse(null);
    }
}
