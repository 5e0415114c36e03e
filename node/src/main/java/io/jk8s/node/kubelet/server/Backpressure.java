package io.jk8s.node.kubelet.server;

import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Holds a runtime copy thread while the client reads slower than the container writes, so a large
 * log or a chatty command is not buffered in memory (Vert.x writes never block by themselves).
 */
final class Backpressure {

    private Backpressure() {}

    /** Returns once {@code stream} takes writes again; throws once it is {@code closed}. */
    static void await(WriteStream<?> stream, BooleanSupplier closed) throws IOException {
        if (!stream.writeQueueFull()) {
            return;
        }
        CountDownLatch drained = new CountDownLatch(1);
        stream.drainHandler(v -> drained.countDown());
        try {
            // another writer may have replaced the drain handler: look again every so often
            while (stream.writeQueueFull() && !drained.await(200, TimeUnit.MILLISECONDS)) {
                if (closed.getAsBoolean()) {
                    throw new IOException("the client went away");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client was slow");
        }
    }
}
