package io.jk8s.node;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Asks the local Docker engine whether it answers ({@code GET /_ping}), so the server can choose
 * its node mode at start without loading the whole Docker client.
 */
public final class DockerEngineProbe {

    /** What the probe found: whether the engine answered, and if not, why (for the log line). */
    public record Result(boolean reachable, String endpoint, String reason) {}

    private DockerEngineProbe() {}

    public static Result probe() {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        if (!host.startsWith("unix://")) {
            return new Result(false, host, "only unix-socket DOCKER_HOST endpoints are supported");
        }
        Path socket = Path.of(URI.create(host).getPath());
        if (!Files.exists(socket)) {
            return new Result(false, host, socket + " does not exist (is the Docker engine installed and started?)");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(
                    "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(512);
            channel.read(reply);
            String status = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
            if (status.startsWith("HTTP/1.0 200") || status.startsWith("HTTP/1.1 200")) {
                return new Result(true, host, "engine answered /_ping");
            }
            return new Result(false, host, "engine answered: " + status.lines().findFirst().orElse("nothing"));
        } catch (IOException e) {
            return new Result(false, host, "cannot connect: " + e.getMessage());
        }
    }
}
