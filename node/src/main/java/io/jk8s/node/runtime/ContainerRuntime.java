package io.jk8s.node.runtime;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the kubelet needs from a container runtime, in the vocabulary of Kubernetes' CRI
 * ({@code k8s.io/cri-api/pkg/apis/runtime/v1/api.proto}) but only the calls jk8s uses. A pod is a
 * sandbox (owns the network namespace, hostname = pod name) plus containers joined to it.
 *
 * <p>Every call blocks (Docker is a socket away), so callers run them on worker threads, never on
 * an event loop. As in the CRI, stop and remove of something already gone are not errors, so the
 * kubelet can repeat a step after a crash. Restart counts are the kubelet's bookkeeping: it passes
 * the attempt number in, the runtime only records it.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Starts the pod's sandbox, or returns the running one with the same uid and attempt. */
    PodSandbox runPodSandbox(PodSandboxConfig config);

    /** Stops the sandbox (and with it the pod's network); its containers should be stopped first. */
    void stopPodSandbox(String sandboxId);

    void removePodSandbox(String sandboxId);

    /** Every sandbox this runtime owns, whoever created it (a restarted kubelet adopts them). */
    List<PodSandbox> listPodSandboxes();

    /** The sandboxes of one pod, every attempt (a cheaper question than all of them on a shared engine). */
    default List<PodSandbox> listPodSandboxes(String podUid) {
        return listPodSandboxes().stream().filter(s -> podUid.equals(s.podUid())).toList();
    }

    /** Creates (does not start) a container in the sandbox's network namespace; returns its id. */
    String createContainer(String sandboxId, ContainerConfig config);

    void startContainer(String containerId);

    /** SIGTERM (or the image's stop signal), then SIGKILL once the grace period has passed. */
    void stopContainer(String containerId, Duration gracePeriod);

    void removeContainer(String containerId);

    Optional<ContainerStatus> containerStatus(String containerId);

    /** The app containers this runtime owns; of one pod when {@code podUid} is not null. */
    List<ContainerStatus> listContainers(String podUid);

    /**
     * Every sandbox and container this runtime owns, from one listing without per-container detail,
     * for the kubelet's relist (PLEG) to compare with the previous one.
     */
    default List<ContainerSummary> listSummaries() {
        List<ContainerSummary> all = new java.util.ArrayList<>();
        listPodSandboxes().forEach(s -> all.add(new ContainerSummary(s.id(), s.podUid(), true,
                s.ready() ? ContainerStatus.State.RUNNING : ContainerStatus.State.EXITED)));
        listContainers(null).forEach(c -> all.add(new ContainerSummary(c.id(), c.podUid(), false, c.state())));
        return all;
    }

    /** The image's id if the engine has it; jk8s pulls from no registry, so absent means unusable. */
    Optional<String> imageId(String image);

    /** The runtime's name and version as nodeInfo.containerRuntimeVersion shows it, e.g. {@code docker://20.10.24}. */
    String version();

    /** Copies the container's log to {@code stdout}/{@code stderr} (TTY containers: all to stdout). */
    StreamHandle logs(String containerId, LogOptions options, OutputStream stdout, OutputStream stderr);

    /** Runs a command in a running container; output is copied as it comes. */
    ExecSession exec(String containerId, ExecRequest request, OutputStream stdout, OutputStream stderr);

    /**
     * Attaches to the container's own process ({@code request.command()} is ignored): its output from
     * now on, and its stdin if asked for. The session's exit code is 0 when the output ends.
     */
    default ExecSession attach(String containerId, ExecRequest request, OutputStream stdout, OutputStream stderr) {
        throw new UnsupportedOperationException("this runtime cannot attach to containers");
    }

    @Override
    void close();
}
