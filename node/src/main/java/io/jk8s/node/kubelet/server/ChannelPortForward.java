package io.jk8s.node.kubelet.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Port-forward in the WebSocket channel protocol that client libraries use (fabric8, client-java:
 * subprotocol {@code v4.channel.k8s.io} or none; kubelet cri/streaming/portforward/websocket.go):
 * one connection to the pod per requested port, port i on channels 2i (data, both ways) and 2i+1
 * (error text). Each channel first carries its port as two little-endian bytes. The WebSocket
 * closes when every pod connection has.
 */
final class ChannelPortForward {

    private final ServerWebSocket socket;
    private final NetClient pods;
    private final String podIp;
    private final String podName;
    private final String podUid;
    private final List<Integer> ports;
    private final List<NetSocket> connections = new ArrayList<>();
    private final List<Buffer> pending = new ArrayList<>();
    private int open;

    ChannelPortForward(ServerWebSocket socket, NetClient pods, String podIp, String podName, String podUid, List<Integer> ports) {
        this.socket = socket;
        this.pods = pods;
        this.podIp = podIp;
        this.podName = podName;
        this.podUid = podUid;
        this.ports = ports;
    }

    void start() {
        open = ports.size();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            Buffer portBytes = Buffer.buffer().appendUnsignedShortLE(port);
            socket.writeBinaryMessage(Buffer.buffer().appendByte((byte) (2 * i)).appendBuffer(portBytes));
            socket.writeBinaryMessage(Buffer.buffer().appendByte((byte) (2 * i + 1)).appendBuffer(portBytes));
            connections.add(null);
            pending.add(Buffer.buffer());
            connect(i, port);
        }
        socket.binaryMessageHandler(this::received);
        socket.closeHandler(v -> connections.stream().filter(c -> c != null).forEach(NetSocket::close));
    }

    private void connect(int index, int port) {
        pods.connect(port, podIp).onComplete(result -> {
            if (result.failed()) {
                socket.writeBinaryMessage(Buffer.buffer().appendByte((byte) (2 * index + 1)).appendString(
                        "error forwarding port " + port + " to pod " + podName + ", uid " + podUid + ": dial tcp4 " + podIp
                                + ":" + port + ": " + result.cause().getMessage()));
                closed();
                return;
            }
            NetSocket connection = result.result();
            connections.set(index, connection);
            if (pending.get(index).length() > 0) {
                connection.write(pending.get(index));
            }
            connection.handler(data -> {
                socket.writeBinaryMessage(Buffer.buffer(data.length() + 1).appendByte((byte) (2 * index)).appendBuffer(data));
                if (socket.writeQueueFull()) {
                    connection.pause();
                    socket.drainHandler(v -> connection.resume());
                }
            });
            connection.closeHandler(v -> closed());
        });
    }

    private void received(Buffer message) {
        if (message.length() < 2 || message.getUnsignedByte(0) % 2 != 0) {
            return; // clients write data channels only
        }
        int index = message.getUnsignedByte(0) / 2;
        if (index >= connections.size()) {
            return;
        }
        Buffer data = message.getBuffer(1, message.length());
        NetSocket connection = connections.get(index);
        if (connection != null) {
            connection.write(data);
        } else {
            pending.get(index).appendBuffer(data);
        }
    }

    private void closed() {
        if (--open == 0 && !socket.isClosed()) {
            socket.close((short) 1000);
        }
    }
}
