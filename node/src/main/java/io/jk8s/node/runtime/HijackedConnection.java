package io.jk8s.node.runtime;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Docker's "hijacked" stream (HTTP upgrade to a raw two-way byte stream) for an exec with stdin,
 * on the JDK's own Unix socket. docker-java cannot be used for this: its Unix socket does not
 * support {@code shutdownOutput}, so closing stdin never reaches the command as end-of-file and
 * {@code cat} or {@code sh} reading stdin would never end.
 *
 * <p>Without a TTY the output is multiplexed: 8-byte headers {@code [stream, 0, 0, 0, size(4, big-endian)]}
 * (stream 1 = stdout, 2 = stderr) before each payload; with a TTY it is one raw stream.
 */
final class HijackedConnection implements StreamHandle {

    private final SocketChannel channel;
    private final CountDownLatch ended = new CountDownLatch(1);

    private HijackedConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /** POSTs {@code /exec/<id>/start} with an upgrade and copies the output on a daemon thread. */
    static HijackedConnection startExec(Path socket, String execId, boolean tty, OutputStream stdout,
                                        OutputStream stderr) throws IOException {
        byte[] body = ("{\"Detach\":false,\"Tty\":" + tty + "}").getBytes(StandardCharsets.US_ASCII);
        return start(socket, "/exec/" + execId + "/start", body, "exec-" + execId.substring(0, 12), tty, stdout, stderr);
    }

    /** POSTs {@code /containers/<id>/attach} with an upgrade: the container's own stdin and output from now on. */
    static HijackedConnection startAttach(Path socket, String containerId, boolean stdin, boolean tty, OutputStream stdout,
                                          OutputStream stderr) throws IOException {
        return start(socket, "/containers/" + containerId + "/attach?stream=1&stdout=1&stderr=1&stdin=" + (stdin ? 1 : 0),
                new byte[0], "attach-" + containerId.substring(0, 12), tty, stdout, stderr);
    }

    private static HijackedConnection start(Path socket, String path, byte[] body, String threadName, boolean tty,
                                            OutputStream stdout, OutputStream stderr) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        String head = "POST " + path + " HTTP/1.1\r\nHost: docker\r\n"
                + "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        writeFully(channel, head.getBytes(StandardCharsets.US_ASCII));
        writeFully(channel, body);
        ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        String status = readHeaders(channel, buffer);
        if (!status.startsWith("HTTP/1.1 101") && !status.startsWith("HTTP/1.0 101")) {
            channel.close();
            throw new IOException("Docker refused the stream of " + path + ": " + status);
        }
        HijackedConnection connection = new HijackedConnection(channel);
        Thread reader = new Thread(() -> connection.copyOutput(buffer, tty, stdout, stderr), threadName);
        reader.setDaemon(true);
        reader.start();
        return connection;
    }

    /** The command's stdin; closing it half-closes the socket, which Docker passes on as end-of-file. */
    OutputStream stdin() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writeFully(channel, Arrays.copyOfRange(b, off, off + len));
            }

            @Override
            public void close() throws IOException {
                if (channel.isOpen()) {
                    channel.shutdownOutput();
                }
            }
        };
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        ended.countDown();
    }

    private void copyOutput(ByteBuffer buffer, boolean tty, OutputStream stdout, OutputStream stderr) {
        try {
            if (tty) {
                while (true) {
                    if (buffer.hasRemaining()) {
                        stdout.write(buffer.array(), buffer.position(), buffer.remaining());
                        stdout.flush();
                    }
                    buffer.clear();
                    if (channel.read(buffer) < 0) {
                        return;
                    }
                    buffer.flip();
                }
            }
            while (ensure(buffer, 8)) {
                int stream = buffer.get();
                buffer.position(buffer.position() + 3);
                int size = buffer.getInt();
                OutputStream target = stream == 2 ? stderr : stdout;
                while (size > 0) {
                    if (!ensure(buffer, 1)) {
                        return;
                    }
                    int n = Math.min(size, buffer.remaining());
                    target.write(buffer.array(), buffer.position(), n);
                    buffer.position(buffer.position() + n);
                    size -= n;
                }
                target.flush();
            }
        } catch (IOException e) {
            // the connection was closed (by us, or Docker ended the exec)
        } finally {
            close();
        }
    }

    /** Makes at least {@code n} (at most the buffer size) unread bytes available; false at end of stream. */
    private boolean ensure(ByteBuffer buffer, int n) throws IOException {
        while (buffer.remaining() < n) {
            buffer.compact();
            int read = channel.read(buffer);
            buffer.flip();
            if (read < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads up to the blank line after the response headers; leaves what follows in the buffer (flipped). */
    private static String readHeaders(SocketChannel channel, ByteBuffer buffer) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (true) {
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new EOFException("Docker closed the exec stream before answering");
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                head.write(b);
                lastFour = lastFour << 8 | b & 0xff;
                if (lastFour == 0x0d0a0d0a) { // CR LF CR LF
                    return head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                }
            }
        }
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
