package io.jk8s.node.kubelet.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One port-forward session: a SPDY/3.1 connection carried in the WebSocket's binary messages. Netty's
 * SPDY frame codec does the framing and the compressed header blocks; this class is the kubelet's
 * side of the streams. Everything runs on the WebSocket's event loop (the pod sockets are opened
 * from it, so they share it), which keeps the codec's compression state in order.
 */
final class SpdyTunnel {

    private static final Logger log = LoggerFactory.getLogger(SpdyTunnel.class);

    private final ServerWebSocket socket;
    private final NetClient pods;
    private final String podIp;
    private final String podName;
    private final String podUid;
    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    /** requestid → the error stream's id, to report a failed connection on. */
    private final Map<String, Integer> errorStreams = new HashMap<>();
    /** data stream id → its connection to the pod (null while connecting). */
    private final Map<Integer, NetSocket> connections = new HashMap<>();
    /** data stream id → what the client sent while the pod connection was being opened. */
    private final Map<Integer, Buffer> pending = new HashMap<>();

    SpdyTunnel(ServerWebSocket socket, NetClient pods, String podIp, String podName, String podUid) {
        this.socket = socket;
        this.pods = pods;
        this.podIp = podIp;
        this.podName = podName;
        this.podUid = podUid;
    }

    void start() {
        socket.binaryMessageHandler(this::received);
        socket.closeHandler(v -> closeAll());
    }

    private void received(Buffer bytes) {
        codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        for (Object frame; (frame = codec.readInbound()) != null; ) {
            try {
                handle(frame);
            } finally {
                if (frame instanceof SpdyDataFrame data) {
                    data.release();
                }
            }
        }
    }

    private void handle(Object frame) {
        if (frame instanceof SpdySynStreamFrame syn) {
            int streamId = syn.streamId();
            String type = syn.headers().getAsString("streamtype");
            // Go's SPDY framer expects a header block in every SYN_REPLY, and Netty writes none for
            // an empty one; the client ignores the reply's headers, so echo the stream type
            SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(streamId);
            reply.headers().set("streamtype", type == null ? "" : type);
            send(reply);
            String requestId = syn.headers().getAsString("requestid");
            String port = syn.headers().getAsString("port");
            if ("error".equals(type)) {
                errorStreams.put(requestId, streamId);
            } else if ("data".equals(type)) {
                connect(streamId, requestId, port);
            }
        } else if (frame instanceof SpdyDataFrame data) {
            if (data.content().isReadable()) {
                Buffer bytes = Buffer.buffer(ByteBufUtil.getBytes(data.content()));
                NetSocket connection = connections.get(data.streamId());
                if (connection != null) {
                    connection.write(bytes);
                } else if (pending.containsKey(data.streamId())) {
                    pending.get(data.streamId()).appendBuffer(bytes);
                }
            }
        } else if (frame instanceof SpdyPingFrame ping) {
            send(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyRstStreamFrame reset) {
            NetSocket connection = connections.remove(reset.streamId());
            if (connection != null) {
                connection.close();
            }
        } else if (frame instanceof SpdyGoAwayFrame) {
            closeAll();
        }
        // SETTINGS and WINDOW_UPDATE need no answer: like spdystream, this side does no flow control
    }

    private void connect(int streamId, String requestId, String port) {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            fail(streamId, requestId, "invalid port: " + port);
            return;
        }
        connections.put(streamId, null);
        pending.put(streamId, Buffer.buffer());
        pods.connect(number, podIp).onComplete(result -> {
            Buffer early = pending.remove(streamId);
            if (result.failed() || !connections.containsKey(streamId)) {
                fail(streamId, requestId, "error forwarding port " + number + " to pod " + podName + ", uid " + podUid
                        + ": dial tcp4 " + podIp + ":" + number + ": " + (result.failed() ? result.cause().getMessage() : "closed"));
                if (result.succeeded()) {
                    result.result().close();
                }
                return;
            }
            NetSocket connection = result.result();
            connections.put(streamId, connection);
            if (early.length() > 0) {
                connection.write(early);
            }
            connection.handler(data -> {
                send(new DefaultSpdyDataFrame(streamId, Unpooled.wrappedBuffer(data.getBytes())));
                // a slow client: stop reading the pod until the WebSocket drains
                if (socket.writeQueueFull()) {
                    connection.pause();
                    socket.drainHandler(v -> connections.values().stream().filter(c -> c != null).forEach(NetSocket::resume));
                }
            });
            connection.closeHandler(v -> {
                if (connections.remove(streamId) != null) {
                    finish(streamId, requestId);
                }
            });
        });
    }

    /** The pod closed its end: half-close the data stream and the error stream, as kubelet does. */
    private void finish(int streamId, String requestId) {
        send(last(streamId));
        Integer errorStream = errorStreams.remove(requestId);
        if (errorStream != null) {
            send(last(errorStream));
        }
    }

    private void fail(int streamId, String requestId, String message) {
        log.debug("port-forward: {}", message);
        connections.remove(streamId);
        Integer errorStream = errorStreams.remove(requestId);
        if (errorStream != null) {
            send(new DefaultSpdyDataFrame(errorStream, Unpooled.wrappedBuffer(message.getBytes(StandardCharsets.UTF_8))));
            send(last(errorStream));
        }
        send(last(streamId));
    }

    private static SpdyDataFrame last(int streamId) {
        SpdyDataFrame frame = new DefaultSpdyDataFrame(streamId);
        frame.setLast(true);
        return frame;
    }

    private void send(Object frame) {
        if (socket.isClosed()) {
            if (frame instanceof SpdyDataFrame data) {
                data.release();
            }
            return;
        }
        codec.writeOutbound(frame);
        for (ByteBuf out; (out = codec.readOutbound()) != null; ) {
            try {
                socket.writeBinaryMessage(Buffer.buffer(ByteBufUtil.getBytes(out)));
            } finally {
                out.release();
            }
        }
    }

    private void closeAll() {
        connections.values().stream().filter(c -> c != null).forEach(NetSocket::close);
        connections.clear();
        codec.finishAndReleaseAll();
    }
}
