package io.jk8s.node.kubelet;

import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.ContainerStatus;
import io.jk8s.node.runtime.PodSandbox;
import java.time.Duration;
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

    PodKiller(ContainerRuntime runtime, PodVolumes volumes, ExecutorService stoppers) {
        this.runtime = runtime;
        this.volumes = volumes;
        this.stoppers = stoppers;
    }

    void kill(String podUid, Duration gracePeriod) {
        List<ContainerStatus> containers = runtime.listContainers(podUid);
        CompletableFuture.allOf(containers.stream()
                .filter(c -> c.state() == ContainerStatus.State.RUNNING)
                .map(c -> CompletableFuture.runAsync(() -> runtime.stopContainer(c.id(), gracePeriod), stoppers))
                .toArray(CompletableFuture[]::new)).join();
        containers.forEach(c -> runtime.removeContainer(c.id()));
        for (PodSandbox sandbox : runtime.listPodSandboxes()) {
            if (podUid.equals(sandbox.podUid())) {
                runtime.stopPodSandbox(sandbox.id());
                runtime.removePodSandbox(sandbox.id());
            }
        }
        volumes.remove(podUid);
    }
}
