package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** An exec started on Docker: its output stream (docker-java's, or a {@link HijackedConnection} when stdin is attached). */
final class DockerExecSession implements ExecSession {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration DRAIN = Duration.ofMillis(200);

    private final DockerClient docker;
    private final String execId;
    private final StreamHandle output;
    private final OutputStream stdin;

    DockerExecSession(DockerClient docker, String execId, StreamHandle output, OutputStream stdin) {
        this.docker = docker;
        this.execId = execId;
        this.output = output;
        this.stdin = stdin;
    }

    @Override
    public OutputStream stdin() {
        if (stdin == null) {
            throw new IllegalStateException("this exec was started without stdin");
        }
        return stdin;
    }

    @Override
    public void resize(int columns, int rows) {
        docker.resizeExecCmd(execId).withSize(rows, columns).exec();
    }

    @Override
    public int awaitExitCode(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // an interactive session may last hours: look less often the longer it runs
        Duration poll = POLL;
        while (true) {
            boolean outputEnded = output.awaitCompletion(poll);
            poll = poll.compareTo(MAX_POLL) < 0 ? poll.multipliedBy(2) : MAX_POLL;
            InspectExecResponse state = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(state.isRunning()) && state.getExitCodeLong() != null) {
                // With stdin attached, Docker keeps the hijacked connection open after the command
                // exits, so the output never ends by itself: take what is still in flight, then close.
                if (!outputEnded && !output.awaitCompletion(DRAIN)) {
                    output.close();
                }
                return state.getExitCodeLong().intValue();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(new TimeoutException("exec " + execId + " still running after " + timeout));
            }
            if (outputEnded) {
                Thread.sleep(POLL.toMillis()); // output closed before the process ended: do not spin
            }
        }
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return output.awaitCompletion(timeout);
    }

    @Override
    public void close() {
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // the pipe is already closed
            }
        }
        output.close();
    }
}
