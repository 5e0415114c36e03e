package io.jk8s.node.kubelet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.ContainerStatus;
import io.jk8s.node.runtime.ExecRequest;
import io.jk8s.node.runtime.ExecSession;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /exec/<namespace>/<pod>/<container>?command=..&stdin=1&stdout=1&stderr=1&tty=1} and
 * {@code /attach/...} over a WebSocket in the remotecommand protocol kubectl speaks
 * (k8s.io/apimachinery/pkg/util/remotecommand, client-go tools/remotecommand v4.go and v5.go):
 * binary messages prefixed by a channel byte, 0 stdin, 1 stdout, 2 stderr, 3 error (one
 * metav1.Status when the command ends, carrying the exit code), 4 resize (JSON Width/Height);
 * v5 adds 255, the client's close of one channel ({@code [255, 0]}: end of stdin).
 */
final class RemoteCommand {

    static final String V5 = "v5.channel.k8s.io";
    static final String V4 = "v4.channel.k8s.io";

    private static final Logger log = LoggerFactory.getLogger(RemoteCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FOREVER = Duration.ofDays(3650);
    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final int ERROR = 3;
    private static final int RESIZE = 4;
    private static final int CLOSE = 255;

    private final ContainerRuntime runtime;
    private final KubeletHost host;
    private final ExecutorService streams;

    RemoteCommand(ContainerRuntime runtime, KubeletHost host, ExecutorService streams) {
        this.runtime = runtime;
        this.host = host;
        this.streams = streams;
    }

    /** Exec ({@code attach} false) or attach to the running container named in the path. */
    void serve(HttpServerRequest request, String namespace, String podName, String container, boolean attach) {
        Pod pod = host.podByName(namespace, podName).orElse(null);
        if (pod == null) {
            KubeletServer.text(request.response(), 404, "pod does not exist");
            return;
        }
        String containerId = runningContainer(pod, container);
        if (containerId == null) {
            KubeletServer.text(request.response(), 500, "container not found (\"" + container + "\")");
            return;
        }
        boolean stdin = ContainerLogs.isTrue(request.getParam("input")) || ContainerLogs.isTrue(request.getParam("stdin"));
        boolean tty = ContainerLogs.isTrue(request.getParam("tty"));
        List<String> command = request.params().getAll("command");
        if (!attach && command.isEmpty()) {
            KubeletServer.text(request.response(), 400, "you must specify at least 1 command");
            return;
        }
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            KubeletServer.text(request.response(), 400, "Upgrade request required");
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
            socket.pause();
            streams.execute(() -> run(socket, containerId, new ExecRequest(command, stdin, tty), attach));
        });
    }

    private String runningContainer(Pod pod, String container) {
        return runtime.listContainers(pod.getMetadata().getUid()).stream()
                .filter(c -> c.name().equals(container) && c.state() == ContainerStatus.State.RUNNING)
                .max(Comparator.comparingInt(ContainerStatus::attempt)).map(ContainerStatus::id).orElse(null);
    }

    private void run(ServerWebSocket socket, String containerId, ExecRequest request, boolean attach) {
        OutputStream stdout = new ChannelOutput(socket, STDOUT);
        OutputStream stderr = new ChannelOutput(socket, STDERR);
        ExecSession session;
        try {
            session = attach ? runtime.attach(containerId, request, stdout, stderr)
                    : runtime.exec(containerId, request, stdout, stderr);
        } catch (RuntimeException e) {
            writeStatus(socket, failure("error executing command in container: " + e.getMessage()));
            socket.close((short) 1000);
            return;
        }
        // stdin is written in arrival order, off the event loop (Docker's socket write may block)
        ExecutorService input = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kubelet-stdin-" + containerId.substring(0, Math.min(12, containerId.length())));
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                input.execute(session::close);
                input.shutdown();
            }
        };
        socket.binaryMessageHandler(message -> {
            if (!stopped.get()) {
                input.execute(() -> receive(session, request, message));
            }
        });
        // the client went away (kubectl interrupted): end the command's streams
        socket.closeHandler(v -> stop.run());
        socket.resume();
        try {
            int exitCode = session.awaitExitCode(FOREVER);
            writeStatus(socket, exitCode == 0 ? "{\"metadata\":{},\"status\":\"Success\"}" : nonZeroExit(exitCode));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            writeStatus(socket, failure("error executing command in container: " + e.getMessage()));
        } finally {
            if (!socket.isClosed()) {
                socket.close((short) 1000);
            }
            stop.run();
        }
    }

    private void receive(ExecSession session, ExecRequest request, Buffer message) {
        if (message.length() == 0) {
            return;
        }
        int channel = message.getUnsignedByte(0);
        try {
            switch (channel) {
                case STDIN -> {
                    if (request.stdin() && message.length() > 1) {
                        session.stdin().write(message.getBytes(1, message.length()));
                        session.stdin().flush();
                    }
                }
                case RESIZE -> {
                    JsonNode size = JSON.readTree(message.getBytes(1, message.length()));
                    if (request.tty()) {
                        session.resize(size.path("Width").asInt(), size.path("Height").asInt());
                    }
                }
                case CLOSE -> {
                    if (message.length() > 1 && message.getUnsignedByte(1) == STDIN && request.stdin()) {
                        session.stdin().close();
                    }
                }
                default -> log.debug("ignoring a message on channel {}", channel);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("exec input: {}", e.toString());
        }
    }

    private static void writeStatus(ServerWebSocket socket, String json) {
        if (!socket.isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer().appendByte((byte) ERROR).appendString(json, StandardCharsets.UTF_8.name()));
        }
    }

    /** kubelet's status for a command that exited non-zero: remotecommand's NonZeroExitCode reason and ExitCode cause. */
    private static String nonZeroExit(int code) {
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: exit status "
                + code + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
                + code + "\"}]}}";
    }

    private static String failure(String message) {
        try {
            return "{\"metadata\":{},\"status\":\"Failure\",\"message\":" + JSON.writeValueAsString(message)
                    + ",\"reason\":\"InternalError\",\"code\":500}";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
