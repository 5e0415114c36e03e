package io.jk8s.node.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DockerConnectionTest {

    @Test
    void anUnreachableEngineIsAClearErrorNamingTheAddress() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DockerRuntime.start("unix:///tmp/jk8s-no-such-docker.sock", PodNetwork.DEFAULT));
        assertTrue(e.getMessage().startsWith("No Docker engine answers at unix:///tmp/jk8s-no-such-docker.sock ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("Start dockerd, or set DOCKER_HOST to an engine's address."), e.getMessage());
    }
}
