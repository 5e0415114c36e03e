package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.node.kubelet.prober.ProbeManager;
import io.jk8s.node.runtime.ContainerConfig;
import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.ContainerStatus;
import io.jk8s.node.runtime.PodSandbox;
import io.jk8s.node.runtime.PodSandboxConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One level-triggered step for one pod, as kubelet's {@code SyncPod} (kuberuntime_manager.go):
 * compare the spec with what the runtime has, start what is missing (sandbox, then init containers
 * one at a time, then app containers, and ephemeral containers once), restart what exited as
 * restartPolicy says (behind the crash-loop back-off), and return what it found for the status. Running it again changes nothing.
 */
final class PodWorker {

    private static final Logger log = LoggerFactory.getLogger(PodWorker.class);

    private final ContainerRuntime runtime;
    private final PodVolumes volumes;
    private final CrashLoopBackOff backOff;
    private final ContainerConfigGenerator configs;
    private final ContainerLifecycle lifecycle;
    private final Clock clock;
    /** The probe ("liveness", "startup") a running container failed, which kills it, or null (the probe manager's verdict). */
    private final Function<String, String> failedProbe;
    private final ContainerEvents events;

    PodWorker(ContainerRuntime runtime, PodVolumes volumes, CrashLoopBackOff backOff, ContainerConfigGenerator configs,
              ContainerLifecycle lifecycle, Clock clock, Function<String, String> failedProbe, ContainerEvents events) {
        this.failedProbe = failedProbe;
        this.events = events;
        this.runtime = runtime;
        this.volumes = volumes;
        this.backOff = backOff;
        this.configs = configs;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** What a sync found: the sandbox (null if none) and a view per init, app and ephemeral container of the spec. */
    record Result(PodSandbox sandbox, List<ContainerView> init, List<ContainerView> app, List<ContainerView> ephemeral) {

        /** Nothing waits: every container runs or has finished for good (else the relist keeps syncing the pod). */
        boolean settled() {
            return sandbox != null && init.stream().allMatch(v -> v.waitingReason() == null)
                    && Stream.concat(app.stream(), ephemeral.stream()).allMatch(v -> v.waitingReason() == null
                            && v.current() != null && v.current().state() != ContainerStatus.State.CREATED);
        }

        /** The running app containers, for the probe manager. */
        List<ProbeManager.Target> running(Pod pod) {
            return app.stream().filter(ContainerView::running).flatMap(v -> pod.getSpec().getContainers().stream()
                    .filter(c -> c.getName().equals(v.name()))
                    .map(c -> new ProbeManager.Target(c, v.current().id(), v.current().startedAt()))).toList();
        }
    }

    Result sync(Pod pod, boolean terminal) {
        String uid = pod.getMetadata().getUid();
        Map<String, List<ContainerStatus>> attempts = runtime.listContainers(uid).stream()
                .sorted(Comparator.comparingInt(ContainerStatus::attempt).reversed())
                .collect(Collectors.groupingBy(ContainerStatus::name));
        // A finished pod is only reported, never started again (kubelet: terminal phases are final).
        PodSandbox sandbox = terminal ? findSandbox(uid).orElse(null) : ensureSandbox(pod);
        boolean never = "Never".equals(pod.getSpec().getRestartPolicy());
        boolean always = !never && !"OnFailure".equals(pod.getSpec().getRestartPolicy());
        boolean blocked = terminal;
        List<ContainerView> init = new ArrayList<>();
        for (Container c : list(pod.getSpec().getInitContainers())) {
            List<ContainerStatus> found = attempts.getOrDefault(c.getName(), List.of());
            ContainerView view = blocked ? observed(c, found, "PodInitializing")
                    : step(pod, sandbox, c, found, !never, false);
            init.add(view);
            blocked |= !view.succeeded();
        }
        List<ContainerView> app = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            List<ContainerStatus> found = attempts.getOrDefault(c.getName(), List.of());
            app.add(blocked ? observed(c, found, "PodInitializing") : step(pod, sandbox, c, found, !never, always));
        }
        // kubelet starts ephemeral containers even while init containers fail: they are for debugging that
        Map<String, ContainerView> others = Stream.concat(init.stream(), app.stream())
                .collect(Collectors.toMap(ContainerView::name, v -> v, (a, b) -> a));
        List<ContainerView> ephemeral = new ArrayList<>();
        for (EphemeralContainer e : EphemeralContainers.of(pod)) {
            Container c = EphemeralContainers.asContainer(e);
            List<ContainerStatus> found = attempts.getOrDefault(c.getName(), List.of());
            ephemeral.add(terminal ? observed(c, found, "ContainerCreating") : ephemeral(pod, sandbox, e, c, found, others));
        }
        return new Result(sandbox, init, app, ephemeral);
    }

    /**
     * An ephemeral container runs once: started when it has no container yet, never restarted
     * (kuberuntime_manager computePodActions). With a target it joins the target's PID namespace.
     */
    private ContainerView ephemeral(Pod pod, PodSandbox sandbox, EphemeralContainer e, Container c, List<ContainerStatus> found,
                                    Map<String, ContainerView> others) {
        ContainerStatus latest = found.isEmpty() ? null : found.get(0);
        if (latest == null) {
            String target = e.getTargetContainerName();
            if (target == null || target.isEmpty()) {
                return start(pod, sandbox, c, 0, null, null);
            }
            ContainerView targetView = others.get(target);
            if (targetView == null || targetView.current() == null) {
                // kuberuntime's getTargetID; tried again at the next sync
                return waiting(c, null, 0, "CreateContainerConfigError", "unable to find target container " + target);
            }
            return start(pod, sandbox, c, 0, null, targetView.current().id());
        }
        if (latest.state() == ContainerStatus.State.CREATED) {
            runtime.startContainer(latest.id());
            latest = refresh(latest);
        }
        return new ContainerView(c.getName(), c.getImage(), latest, null, null, null, 0);
    }

    /** A container this sync may not start: reported as it is, or waiting with {@code reason}. */
    private static ContainerView observed(Container c, List<ContainerStatus> found, String reason) {
        if (found.isEmpty()) {
            return ContainerView.waiting(c.getName(), c.getImage(), reason, null);
        }
        return new ContainerView(c.getName(), c.getImage(), found.get(0), found.size() > 1 ? found.get(1) : null,
                null, null, found.get(0).attempt());
    }

    private ContainerView step(Pod pod, PodSandbox sandbox, Container c, List<ContainerStatus> found,
                               boolean restartOnFailure, boolean restartOnSuccess) {
        ContainerStatus latest = found.isEmpty() ? null : found.get(0);
        String failed = latest != null && latest.state() == ContainerStatus.State.RUNNING ? failedProbe.apply(latest.id()) : null;
        if (failed != null) {
            // kuberuntime_manager computePodActions
            String why = "Container " + c.getName() + " failed " + failed + " probe, will be restarted";
            log.info("pod {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), why);
            events.killing(pod, c, why);
            lifecycle.kill(c, latest.id(), sandbox == null ? null : sandbox.ip(), killGrace(pod, c));
            latest = refresh(latest);
        }
        ContainerStatus previous = found.size() > 1 ? found.get(1) : null;
        if (latest == null) {
            return start(pod, sandbox, c, 0, null, null);
        }
        if (!sandbox.id().equals(latest.sandboxId()) && latest.state() != ContainerStatus.State.EXITED) {
            // the sandbox was replaced (kubelet: "Pod sandbox changed, it will be killed and re-created"):
            // a container in the old network namespace cannot stay, it starts again in the new one
            log.info("sandbox of pod {}/{} changed: restarting container {}", pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), c.getName());
            if (latest.state() == ContainerStatus.State.CREATED) {
                runtime.removeContainer(latest.id());
                return start(pod, sandbox, c, latest.attempt() + 1, previous, null);
            }
            runtime.stopContainer(latest.id(), Duration.ZERO);
            latest = refresh(latest);
        }
        if (latest.state() == ContainerStatus.State.CREATED) {
            // created but never started (the kubelet stopped in between): start that one
            runtime.startContainer(latest.id());
            return new ContainerView(c.getName(), c.getImage(), refresh(latest), previous, null, null, latest.attempt());
        }
        if (latest.state() != ContainerStatus.State.EXITED) {
            return new ContainerView(c.getName(), c.getImage(), latest, previous, null, null, latest.attempt());
        }
        boolean restart = latest.exitCode() == 0 ? restartOnSuccess : restartOnFailure;
        if (!restart) {
            return new ContainerView(c.getName(), c.getImage(), latest, previous, null, null, latest.attempt());
        }
        String key = CrashLoopBackOff.key(pod.getMetadata().getUid(), c.getName());
        Instant now = clock.instant();
        Optional<Duration> wait = backOff.waiting(key, latest.finishedAt(), now);
        if (wait.isPresent()) {
            String message = "back-off " + wait.get().toSeconds() + "s restarting failed container=" + c.getName() + " pod="
                    + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")";
            events.backOff(pod, c, latest.id());
            return new ContainerView(c.getName(), c.getImage(), latest, previous, "CrashLoopBackOff", message, latest.attempt());
        }
        backOff.next(key, now);
        // kubelet keeps only the last dead attempt (for `kubectl logs --previous`)
        found.stream().skip(1).forEach(old -> runtime.removeContainer(old.id()));
        return start(pod, sandbox, c, latest.attempt() + 1, latest, null);
    }

    /** @param pidTargetId the container whose PID namespace this one joins (an ephemeral container's target), or null */
    private ContainerView start(Pod pod, PodSandbox sandbox, Container c, int attempt, ContainerStatus previous, String pidTargetId) {
        String policy = c.getImagePullPolicy() != null ? c.getImagePullPolicy()
                : c.getImage().endsWith(":latest") || !c.getImage().contains(":") ? "Always" : "IfNotPresent";
        if (runtime.imageId(c.getImage()).isEmpty()) {
            // jk8s pulls from no registry: images come from the engine or the air-gap directory
            if ("Never".equals(policy)) {
                String message = "Container image \"" + c.getImage() + "\" is not present with pull policy of Never";
                events.imageNeverPulled(pod, c, message);
                return waiting(c, previous, attempt, "ErrImageNeverPull", message);
            }
            String why = "image \"" + c.getImage() + "\" is not present in the local Docker engine, and jk8s pulls from no registry:"
                    + " docker load it or put its tarball in the data dir's images/";
            events.imagePullFailed(pod, c, why);
            return waiting(c, previous, attempt, "ErrImagePull", why);
        }
        events.imagePresent(pod, c);
        ContainerConfig config;
        try {
            config = configs.generate(pod, c, attempt, sandbox.ip(), volumes.mounts(pod, c));
            if (pidTargetId != null) {
                config = config.withLinux(config.linux().withPidTarget(pidTargetId));
            }
        } catch (VolumeNotReadyException e) {
            // kubelet waits for the volume (a FailedMount event) and shows the container as still being created
            log.info("pod {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
            return waiting(c, previous, attempt, "ContainerCreating", null);
        } catch (RuntimeException e) {
            events.failed(pod, c, e.getMessage());
            return waiting(c, previous, attempt, "CreateContainerConfigError", e.getMessage());
        }
        String id;
        try {
            id = runtime.createContainer(sandbox.id(), config);
        } catch (RuntimeException e) {
            events.failed(pod, c, e.getMessage());
            return waiting(c, previous, attempt, "CreateContainerError", e.getMessage());
        }
        events.created(pod, c);
        try {
            runtime.startContainer(id);
            events.started(pod, c);
            lifecycle.postStart(pod, c, id, sandbox.ip());
        } catch (RuntimeException e) {
            // e.g. the command is not in the image; Docker leaves it created with the error recorded
            log.info("container {} of pod {}/{} did not start: {}", c.getName(), pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), e.getMessage());
            events.failed(pod, c, e.getMessage());
        }
        ContainerStatus started = runtime.containerStatus(id).orElse(null);
        return new ContainerView(c.getName(), c.getImage(), started, previous, started == null ? "ContainerCreating" : null,
                null, attempt);
    }

    /** The liveness probe's own terminationGracePeriodSeconds, else the pod's (default 30 s). */
    private static Duration killGrace(Pod pod, Container c) {
        Long seconds = c.getLivenessProbe() == null ? null : c.getLivenessProbe().getTerminationGracePeriodSeconds();
        if (seconds == null) {
            seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return Duration.ofSeconds(seconds == null ? 30 : seconds);
    }

    private static ContainerView waiting(Container c, ContainerStatus previous, int attempt, String reason, String message) {
        return new ContainerView(c.getName(), c.getImage(), null, previous, reason, message, Math.max(0, attempt - 1));
    }

    private ContainerStatus refresh(ContainerStatus c) {
        return runtime.containerStatus(c.id()).orElse(c);
    }

    private Optional<PodSandbox> findSandbox(String uid) {
        return ready(runtime.listPodSandboxes(uid));
    }

    private static Optional<PodSandbox> ready(List<PodSandbox> sandboxes) {
        return sandboxes.stream().filter(PodSandbox::ready).max(Comparator.comparingInt(PodSandbox::attempt));
    }

    private PodSandbox ensureSandbox(Pod pod) {
        String uid = pod.getMetadata().getUid();
        List<PodSandbox> sandboxes = runtime.listPodSandboxes(uid);
        Optional<PodSandbox> ready = ready(sandboxes);
        if (ready.isPresent()) {
            return ready.get();
        }
        int attempt = sandboxes.stream().mapToInt(s -> s.attempt() + 1).max().orElse(0);
        String hostname = pod.getSpec().getHostname() != null ? pod.getSpec().getHostname() : pod.getMetadata().getName();
        return runtime.runPodSandbox(new PodSandboxConfig(pod.getMetadata().getName(), pod.getMetadata().getNamespace(), uid,
                attempt, hostname, Map.of(), List.of()));
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
