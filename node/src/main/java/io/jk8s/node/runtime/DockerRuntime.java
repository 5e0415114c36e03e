package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerRuntime} on a Docker engine, the way dockershim did it: the sandbox is a pause
 * container on the jk8s network, app containers join its network and IPC namespaces
 * ({@code --network container:<sandbox>}), and everything is found again through its labels.
 */
public final class DockerRuntime implements ContainerRuntime {

    private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);

    private final DockerClient docker;
    /** The engine's Unix socket, for streams docker-java cannot carry (stdin); null for other hosts. */
    private final Path socket;
    private final PodNetwork network;
    private final DockerStatuses statuses;
    /** The pod network's Linux bridge, whose ports get hairpin mode. */
    private final String bridge;
    private final AtomicBoolean hairpinWarned = new AtomicBoolean();

    private DockerRuntime(DockerClient docker, String dockerHost, PodNetwork network) {
        this.docker = docker;
        this.socket = dockerHost.startsWith("unix://") ? Path.of(URI.create(dockerHost).getPath()) : null;
        this.network = network;
        this.statuses = new DockerStatuses(network);
        this.bridge = network.bridgeInterface(docker);
    }

    /** Connects to DOCKER_HOST (or the local socket) and prepares the pod network and pause image. */
    public static DockerRuntime start() {
        return start(DockerConnection.defaultHost(), PodNetwork.DEFAULT);
    }

    public static DockerRuntime start(String dockerHost, PodNetwork network) {
        DockerClient docker = DockerConnection.open(dockerHost);
        network.ensure(docker);
        new ImageLoader(docker).ensurePauseImage();
        return new DockerRuntime(docker, dockerHost, network);
    }

    @Override
    public PodSandbox runPodSandbox(PodSandboxConfig pod) {
        String name = PodLabels.containerName(PodLabels.SANDBOX_CONTAINER_NAME, pod.podName(), pod.namespace(),
                pod.podUid(), pod.attempt());
        Optional<InspectContainerResponse> existing = inspect(name);
        if (existing.isPresent()) {
            if (Boolean.TRUE.equals(existing.get().getState().getRunning())) {
                return statuses.sandbox(existing.get()); // adopted: same pod, same attempt, still up
            }
            docker.removeContainerCmd(existing.get().getId()).withForce(true).exec();
        }
        Ports bindings = new Ports();
        List<ExposedPort> exposed = pod.ports().stream().map(p -> {
            ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(
                    p.protocol() == null ? "tcp" : p.protocol().toLowerCase()));
            if (p.hostPort() > 0) {
                bindings.bind(port, Ports.Binding.bindIpAndPort(p.hostIp() == null ? "0.0.0.0" : p.hostIp(), p.hostPort()));
            }
            return port;
        }).toList();
        String id = docker.createContainerCmd(ImageLoader.PAUSE_IMAGE)
                .withName(name)
                .withEntrypoint("/pause")
                // Kubernetes caps the hostname at 63 characters (a DNS label).
                .withHostName(pod.hostname().length() > 63 ? pod.hostname().substring(0, 63) : pod.hostname())
                .withLabels(PodLabels.forSandbox(pod))
                .withExposedPorts(exposed)
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(network.name())
                        .withPortBindings(bindings)
                        // Pods share IPC as well as the network (dockershim did the same).
                        .withIpcMode("shareable"))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        if (!PodNetwork.enableHairpin(bridge) && hairpinWarned.compareAndSet(false, true)) {
            log.warn("cannot set hairpin mode on the ports of bridge {}: pods cannot reach themselves through their Services", bridge);
        }
        return statuses.sandbox(docker.inspectContainerCmd(id).exec());
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        stopContainer(sandboxId, Duration.ZERO); // the pause process holds nothing worth a grace period
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        removeContainer(sandboxId);
    }

    @Override
    public List<PodSandbox> listPodSandboxes() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PodLabels.MANAGED, "true", PodLabels.TYPE, PodLabels.TYPE_SANDBOX))
                .exec().stream().map(statuses::sandbox).toList();
    }

    @Override
    public List<PodSandbox> listPodSandboxes(String podUid) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PodLabels.MANAGED, "true", PodLabels.TYPE, PodLabels.TYPE_SANDBOX, PodLabels.POD_UID, podUid))
                .exec().stream().map(statuses::sandbox).toList();
    }

    @Override
    public String createContainer(String sandboxId, ContainerConfig c) {
        InspectContainerResponse sandbox = docker.inspectContainerCmd(sandboxId).exec();
        Map<String, String> podLabels = sandbox.getConfig().getLabels();
        String sandboxFullId = sandbox.getId();
        CreateContainerCmd create = docker.createContainerCmd(c.image())
                .withName(PodLabels.containerName(c.name(), podLabels.get(PodLabels.POD_NAME),
                        podLabels.get(PodLabels.POD_NAMESPACE), podLabels.get(PodLabels.POD_UID), c.attempt()))
                .withLabels(PodLabels.forContainer(podLabels, sandboxFullId, c))
                .withEnv(c.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withTty(c.tty())
                .withStdinOpen(c.stdin())
                .withHostConfig(linux(c.linux(), HostConfig.newHostConfig()
                        .withNetworkMode("container:" + sandboxFullId)
                        .withIpcMode("container:" + sandboxFullId)
                        .withBinds(c.mounts().stream().map(m -> new Bind(m.hostPath(), new Volume(m.containerPath()),
                                m.readOnly() ? AccessMode.ro : AccessMode.rw)).toList())));
        if (c.linux().user() != null) {
            create.withUser(c.linux().user());
        }
        if (c.linux().pidTargetId() != null) {
            // an ephemeral container with a target sees (and may signal) the target's processes
            create.getHostConfig().withPidMode("container:" + c.linux().pidTargetId());
        }
        // Kubernetes' command is Docker's entrypoint and its args are Docker's cmd; when only args
        // are given the image's entrypoint stays (pkg/kubelet/kuberuntime: command and args).
        if (!c.command().isEmpty()) {
            create.withEntrypoint(c.command()).withCmd(c.args());
        } else if (!c.args().isEmpty()) {
            create.withCmd(c.args());
        }
        if (c.workingDir() != null && !c.workingDir().isEmpty()) {
            create.withWorkingDir(c.workingDir());
        }
        return create.exec().getId();
    }

    /** Resources and security context as dockershim set them on the container's HostConfig. */
    private static HostConfig linux(LinuxContainerConfig linux, HostConfig host) {
        host.withPrivileged(linux.privileged()).withReadonlyRootfs(linux.readOnlyRootFilesystem());
        if (!linux.capabilitiesAdd().isEmpty()) {
            host.withCapAdd(linux.capabilitiesAdd().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (!linux.capabilitiesDrop().isEmpty()) {
            host.withCapDrop(linux.capabilitiesDrop().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (!linux.supplementalGroups().isEmpty()) {
            host.withGroupAdd(linux.supplementalGroups());
        }
        if (linux.noNewPrivileges()) {
            host.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (linux.memoryLimitBytes() > 0) {
            // no swap beyond the limit, as kubelet configures it
            host.withMemory(linux.memoryLimitBytes()).withMemorySwap(linux.memoryLimitBytes());
        }
        if (linux.cpuQuota() > 0) {
            host.withCpuPeriod(linux.cpuPeriod()).withCpuQuota(linux.cpuQuota());
        }
        if (linux.cpuShares() > 0) {
            host.withCpuShares(linux.cpuShares());
        }
        return host;
    }

    @Override
    public void startContainer(String containerId) {
        docker.startContainerCmd(containerId).exec();
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        try {
            // Docker sends the stop signal, waits this many seconds, then SIGKILL.
            docker.stopContainerCmd(containerId).withTimeout((int) Math.max(0, gracePeriod.toSeconds())).exec();
        } catch (NotFoundException | NotModifiedException alreadyGoneOrStopped) {
            // CRI: stopping a stopped or removed container is not an error
        }
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // CRI: removing a removed container is not an error
        }
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return inspect(containerId).map(statuses::container);
    }

    @Override
    public List<ContainerStatus> listContainers(String podUid) {
        Map<String, String> filter = new HashMap<>(Map.of(PodLabels.MANAGED, "true", PodLabels.TYPE, PodLabels.TYPE_CONTAINER));
        if (podUid != null) {
            filter.put(PodLabels.POD_UID, podUid);
        }
        // The list answer has no exit codes or times; the kubelet needs them, so inspect each.
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec().stream()
                .map(summary -> containerStatus(summary.getId()))
                .flatMap(Optional::stream).toList();
    }

    @Override
    public List<ContainerSummary> listSummaries() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(PodLabels.MANAGED, "true")).exec().stream()
                .filter(c -> c.getLabels().get(PodLabels.POD_UID) != null)
                .map(c -> new ContainerSummary(c.getId(), c.getLabels().get(PodLabels.POD_UID),
                        PodLabels.TYPE_SANDBOX.equals(c.getLabels().get(PodLabels.TYPE)), DockerStatuses.state(c.getState())))
                .toList();
    }

    @Override
    public Optional<String> imageId(String image) {
        try {
            return Optional.of(docker.inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public String version() {
        return "docker://" + docker.versionCmd().exec().getVersion();
    }

    @Override
    public StreamHandle logs(String containerId, LogOptions options, OutputStream stdout, OutputStream stderr) {
        LogContainerCmd cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withFollowStream(options.follow()).withTimestamps(options.timestamps());
        if (options.tailLines() != null) {
            cmd.withTail(options.tailLines());
        } else {
            cmd.withTailAll();
        }
        if (options.since() != null) {
            cmd.withSince((int) options.since().getEpochSecond());
        }
        return cmd.exec(new FrameCopier(stdout, stderr));
    }

    @Override
    public ExecSession exec(String containerId, ExecRequest request, OutputStream stdout, OutputStream stderr) {
        ExecCreateCmdResponse created = docker.execCreateCmd(containerId)
                .withCmd(request.command().toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).withAttachStdin(request.stdin())
                .withTty(request.tty())
                .exec();
        if (!request.stdin()) {
            FrameCopier output = docker.execStartCmd(created.getId()).withDetach(false).withTty(request.tty())
                    .exec(new FrameCopier(stdout, stderr));
            return new DockerExecSession(docker, created.getId(), output, null);
        }
        if (socket == null) {
            throw new UnsupportedOperationException("exec with stdin needs a unix:// DOCKER_HOST");
        }
        try {
            HijackedConnection connection = HijackedConnection.startExec(socket, created.getId(), request.tty(), stdout, stderr);
            return new DockerExecSession(docker, created.getId(), connection, connection.stdin());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start exec in " + containerId, e);
        }
    }

    @Override
    public ExecSession attach(String containerId, ExecRequest request, OutputStream stdout, OutputStream stderr) {
        if (socket == null) {
            throw new UnsupportedOperationException("attach needs a unix:// DOCKER_HOST");
        }
        try {
            HijackedConnection connection = HijackedConnection.startAttach(socket, containerId, request.stdin(), request.tty(),
                    stdout, stderr);
            return new DockerAttachSession(docker, containerId, connection, request.stdin());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot attach to " + containerId, e);
        }
    }

    @Override
    public void close() {
        DockerConnection.closeQuietly(docker);
    }

    private Optional<InspectContainerResponse> inspect(String idOrName) {
        try {
            return Optional.of(docker.inspectContainerCmd(idOrName).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
