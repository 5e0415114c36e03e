package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** Opens a docker-java client on DOCKER_HOST (default: the local socket) and checks that the engine answers. */
public final class DockerConnection {

    private DockerConnection() {}

    public static DockerClient open() {
        return open(defaultHost());
    }

    public static String defaultHost() {
        return System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    }

    public static DockerClient open(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                // Followed logs, execs and stops with long grace periods each hold a connection for long.
                .maxConnections(256)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new IllegalStateException("No Docker engine answers at " + dockerHost + " (" + rootMessage(e)
                    + "). Start dockerd, or set DOCKER_HOST to an engine's address.", e);
        }
        return client;
    }

    public static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // closing a client whose engine is gone has nothing left to release
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
