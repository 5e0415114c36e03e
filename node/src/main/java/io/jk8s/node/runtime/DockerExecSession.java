package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** An exec started on Docker: output copied by a {@link FrameCopier}, stdin through a pipe docker-java reads. */
final class DockerExecSession implements ExecSession {

    private final DockerClient docker;
    private final String execId;
    private final FrameCopier output;
    private final OutputStream stdin;

    DockerExecSession(DockerClient docker, String execId, FrameCopier output, OutputStream stdin) {
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
        if (!output.awaitCompletion(timeout)) {
            throw new IllegalStateException(new TimeoutException("exec " + execId + " still running after " + timeout));
        }
        // The output can close a moment before Docker records the exit code.
        while (true) {
            InspectExecResponse state = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(state.isRunning()) && state.getExitCodeLong() != null) {
                return state.getExitCodeLong().intValue();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(new TimeoutException("exec " + execId + " has no exit code yet"));
            }
            Thread.sleep(10);
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
