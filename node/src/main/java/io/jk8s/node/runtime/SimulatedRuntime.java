package io.jk8s.node.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ContainerRuntime} with no containers, for controller tests and scale (thousands of pods
 * per process): sandboxes get IPs from the node's /24, containers "run" until stopped, and the
 * commands {@link SimulatedProgram} knows end at once with their output and exit code.
 */
public final class SimulatedRuntime implements ContainerRuntime {

    private final String subnetPrefix;
    private final BitSet usedHosts = new BitSet(256);
    private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();

    /** @param subnetPrefix the node's pod /24 as its first three octets, e.g. {@code "10.245.3"} */
    public SimulatedRuntime(String subnetPrefix) {
        this.subnetPrefix = subnetPrefix;
    }

    private record Sandbox(PodSandbox state, int host) {}

    private static final class Container {
        final String sandboxId;
        final ContainerConfig config;
        final Instant createdAt = Instant.now();
        final List<String> logLines = new ArrayList<>(); // each "timestamp line\n"
        final CompletableFuture<Void> exited = new CompletableFuture<>();
        volatile ContainerStatus.State state = ContainerStatus.State.CREATED;
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile int exitCode;

        Container(String sandboxId, ContainerConfig config) {
            this.sandboxId = sandboxId;
            this.config = config;
        }

        synchronized void exit(int code) {
            if (state != ContainerStatus.State.EXITED) {
                exitCode = code;
                finishedAt = Instant.now();
                state = ContainerStatus.State.EXITED;
                exited.complete(null);
            }
        }
    }

    @Override
    public synchronized PodSandbox runPodSandbox(PodSandboxConfig pod) {
        for (Sandbox s : sandboxes.values()) {
            if (s.state().podUid().equals(pod.podUid()) && s.state().attempt() == pod.attempt() && s.state().ready()) {
                return s.state();
            }
        }
        int host = usedHosts.nextClearBit(1);
        if (host > 254) {
            throw new IllegalStateException("no free pod IP in " + subnetPrefix + ".0/24");
        }
        usedHosts.set(host);
        PodSandbox state = new PodSandbox(UUID.randomUUID().toString(), pod.podName(), pod.namespace(), pod.podUid(),
                pod.attempt(), true, subnetPrefix + "." + host, Instant.now());
        sandboxes.put(state.id(), new Sandbox(state, host));
        return state;
    }

    @Override
    public synchronized void stopPodSandbox(String sandboxId) {
        Sandbox s = sandboxes.get(sandboxId);
        if (s != null && s.state().ready()) {
            PodSandbox p = s.state();
            sandboxes.put(sandboxId, new Sandbox(new PodSandbox(p.id(), p.podName(), p.namespace(), p.podUid(),
                    p.attempt(), false, null, p.createdAt()), s.host()));
            usedHosts.clear(s.host());
        }
    }

    @Override
    public synchronized void removePodSandbox(String sandboxId) {
        stopPodSandbox(sandboxId);
        sandboxes.remove(sandboxId);
    }

    @Override
    public List<PodSandbox> listPodSandboxes() {
        return sandboxes.values().stream().map(Sandbox::state).toList();
    }

    @Override
    public String createContainer(String sandboxId, ContainerConfig config) {
        if (!sandboxes.containsKey(sandboxId)) {
            throw new IllegalArgumentException("no sandbox " + sandboxId);
        }
        String id = UUID.randomUUID().toString();
        containers.put(id, new Container(sandboxId, config));
        return id;
    }

    @Override
    public void startContainer(String containerId) {
        Container c = get(containerId);
        List<String> commandLine = new ArrayList<>(c.config.command());
        commandLine.addAll(c.config.args());
        SimulatedProgram program = SimulatedProgram.of(commandLine, c.config.env());
        synchronized (c) {
            c.startedAt = Instant.now();
            c.state = ContainerStatus.State.RUNNING;
            program.output().lines().forEach(line -> c.logLines.add(c.startedAt + " " + line + "\n"));
        }
        if (program.exitCode() != null) {
            c.exit(program.exitCode());
        }
    }

    @Override
    public void stopContainer(String containerId, Duration gracePeriod) {
        Container c = containers.get(containerId);
        if (c != null) {
            c.exit(143); // simulated processes honour SIGTERM: 128 + 15
        }
    }

    @Override
    public void removeContainer(String containerId) {
        Container c = containers.remove(containerId);
        if (c != null) {
            c.exit(137);
        }
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        return Optional.ofNullable(containers.get(containerId)).map(c -> status(containerId, c));
    }

    @Override
    public List<ContainerStatus> listContainers(String podUid) {
        List<ContainerStatus> result = new ArrayList<>();
        containers.forEach((id, c) -> {
            ContainerStatus s = status(id, c);
            if (podUid == null || podUid.equals(s.podUid())) {
                result.add(s);
            }
        });
        return result;
    }

    @Override
    public Optional<String> imageId(String image) {
        return Optional.of("sha256:simulated"); // every image "exists": nothing is pulled or run
    }

    @Override
    public String version() {
        return "simulated://1.0";
    }

    @Override
    public StreamHandle logs(String containerId, LogOptions options, OutputStream stdout, OutputStream stderr) {
        Container c = get(containerId);
        List<String> lines;
        synchronized (c) {
            lines = new ArrayList<>(c.logLines);
        }
        if (options.since() != null) {
            lines.removeIf(l -> Instant.parse(l.substring(0, l.indexOf(' '))).isBefore(options.since()));
        }
        if (options.tailLines() != null && lines.size() > options.tailLines()) {
            lines = lines.subList(lines.size() - options.tailLines(), lines.size());
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(options.timestamps() ? l : l.substring(l.indexOf(' ') + 1)));
        write(stdout, text.toString());
        // Simulated programs print only when they start, so a follow just waits for the exit.
        return handle(options.follow() ? c.exited : CompletableFuture.completedFuture(null));
    }

    @Override
    public ExecSession exec(String containerId, ExecRequest request, OutputStream stdout, OutputStream stderr) {
        Container c = get(containerId);
        if (c.state != ContainerStatus.State.RUNNING) {
            throw new IllegalStateException("container " + containerId + " is not running");
        }
        SimulatedProgram program = SimulatedProgram.of(request.command(), c.config.env());
        write(stdout, program.output());
        int exitCode = program.exitCode() == null ? 0 : program.exitCode();
        StreamHandle done = handle(CompletableFuture.completedFuture(null));
        return new ExecSession() {
            public OutputStream stdin() {
                return OutputStream.nullOutputStream();
            }

            public void resize(int columns, int rows) {}

            public int awaitExitCode(Duration timeout) {
                return exitCode;
            }

            public boolean awaitCompletion(Duration timeout) throws InterruptedException {
                return done.awaitCompletion(timeout);
            }

            public void close() {}
        };
    }

    @Override
    public void close() {}

    private ContainerStatus status(String id, Container c) {
        PodSandbox pod = sandboxes.containsKey(c.sandboxId) ? sandboxes.get(c.sandboxId).state() : null;
        ContainerStatus.State state = c.state;
        String reason = state != ContainerStatus.State.EXITED ? null : c.exitCode == 0 ? "Completed" : "Error";
        return new ContainerStatus(id, c.sandboxId, pod == null ? null : pod.podName(), pod == null ? null : pod.namespace(),
                pod == null ? null : pod.podUid(), c.config.name(), c.config.attempt(), state, c.exitCode, reason, null,
                c.config.image(), "sha256:simulated", c.createdAt, c.startedAt, c.finishedAt);
    }

    private Container get(String containerId) {
        Container c = containers.get(containerId);
        if (c == null) {
            throw new IllegalArgumentException("no container " + containerId);
        }
        return c;
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StreamHandle handle(CompletableFuture<Void> done) {
        return new StreamHandle() {
            public boolean awaitCompletion(Duration timeout) throws InterruptedException {
                try {
                    done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return true;
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    return true;
                }
            }

            public void close() {}
        };
    }
}
