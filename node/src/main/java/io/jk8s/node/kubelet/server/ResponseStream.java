package io.jk8s.node.kubelet.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A chunked HTTP response as an OutputStream for the runtime's copy threads, optionally cut after
 * {@code limitBytes} (kubelet wraps its writer the same way for {@code limitBytes}).
 */
final class ResponseStream extends OutputStream {

    private final HttpServerResponse response;
    private long remaining;

    ResponseStream(HttpServerResponse response, Long limitBytes) {
        this.response = response;
        this.remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (response.closed() || remaining <= 0) {
            throw new IOException("the client went away, or the byte limit is reached");
        }
        int n = (int) Math.min(len, remaining);
        remaining -= n;
        Backpressure.await(response, response::closed);
        response.write(Buffer.buffer().appendBytes(b, off, n));
        if (remaining <= 0) {
            throw new IOException("limitBytes reached");
        }
    }
}
