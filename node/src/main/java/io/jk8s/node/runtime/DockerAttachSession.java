package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * An attach to a container's own process on Docker. It has no exit code of its own: as with kubelet's
 * attach, the session ends when the container's output does (it exited) or the client detaches.
 */
final class DockerAttachSession implements ExecSession {

    private final DockerClient docker;
    private final String containerId;
    private final HijackedConnection connection;
    private final boolean stdin;

    DockerAttachSession(DockerClient docker, String containerId, HijackedConnection connection, boolean stdin) {
        this.docker = docker;
        this.containerId = containerId;
        this.connection = connection;
        this.stdin = stdin;
    }

    @Override
    public OutputStream stdin() {
        if (!stdin) {
            throw new IllegalStateException("this attach was started without stdin");
        }
        return connection.stdin();
    }

    @Override
    public void resize(int columns, int rows) {
        docker.resizeContainerCmd(containerId).withSize(rows, columns).exec();
    }

    @Override
    public int awaitExitCode(Duration timeout) throws InterruptedException {
        if (!connection.awaitCompletion(timeout)) {
            throw new IllegalStateException(new TimeoutException("attach to " + containerId + " still open after " + timeout));
        }
        return 0;
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return connection.awaitCompletion(timeout);
    }

    @Override
    public void close() {
        try {
            if (stdin) {
                connection.stdin().close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        connection.close();
    }
}
