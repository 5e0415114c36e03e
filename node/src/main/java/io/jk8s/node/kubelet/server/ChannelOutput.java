package io.jk8s.node.kubelet.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One channel of a {@code channel.k8s.io} WebSocket (k8s.io/apimachinery wsstream): each write is
 * one binary message whose first byte is the channel number (1 stdout, 2 stderr, 3 error).
 */
final class ChannelOutput extends OutputStream {

    private final ServerWebSocket socket;
    private final byte channel;

    ChannelOutput(ServerWebSocket socket, int channel) {
        this.socket = socket;
        this.channel = (byte) channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (socket.isClosed()) {
            throw new IOException("the client closed the stream");
        }
        Backpressure.await(socket, socket::isClosed);
        socket.writeBinaryMessage(Buffer.buffer(len + 1).appendByte(channel).appendBytes(b, off, len));
    }
}
