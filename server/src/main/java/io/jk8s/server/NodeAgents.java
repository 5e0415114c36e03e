package io.jk8s.server;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jk8s.node.kubelet.DockerKubelet;
import io.jk8s.node.kubelet.KubeletConfiguration;
import io.jk8s.node.proxy.ServiceProxy;
import io.jk8s.node.runtime.PodNetwork;
import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.DockerConnection;
import io.jk8s.node.runtime.DockerRuntime;
import io.jk8s.node.runtime.ImageLoader;
import io.jk8s.node.runtime.SimulatedRuntime;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One node's agents, as API clients: the kubelet on its container runtime and, when pods really run,
 * the kube-proxy role. The all-in-one server and {@code jk8s node} start the same thing.
 */
final class NodeAgents implements AutoCloseable {

    private final DockerKubelet kubelet;
    private final ServiceProxy proxy;

    private NodeAgents(DockerKubelet kubelet, ServiceProxy proxy) {
        this.kubelet = kubelet;
        this.proxy = proxy;
    }

    /**
     * @param imagesDir air-gap image tarballs loaded before any pod asks for them (k3s' images directory)
     * @param clients   a client per component name
     */
    static NodeAgents start(NodeRuntime runtime, KubeletConfiguration config, Path imagesDir,
                            Function<String, KubernetesClient> clients, Vertx vertx) {
        if (runtime == NodeRuntime.simulated) {
            return new NodeAgents(DockerKubelet.start(clients.apply("kubelet"), simulatedRuntime(config.nodeName()), config, vertx), null);
        }
        loadAirGapImages(imagesDir);
        DockerKubelet kubelet = DockerKubelet.start(clients.apply("kubelet"), DockerRuntime.start(), config, vertx);
        return new NodeAgents(kubelet, ServiceProxy.start(clients.apply("kube-proxy"), PodNetwork.DEFAULT.subnet()));
    }

    /** Pod IPs from a /24 of 10.245.0.0/16 picked by the node's name, apart from the Docker network's 10.244.0.0/16. */
    private static ContainerRuntime simulatedRuntime(String nodeName) {
        return new SimulatedRuntime("10.245." + (Math.floorMod(nodeName.hashCode(), 254) + 1));
    }

    private static void loadAirGapImages(Path imagesDir) {
        DockerClient docker = DockerConnection.open();
        try {
            new ImageLoader(docker).loadAirGapImages(imagesDir);
        } finally {
            DockerConnection.closeQuietly(docker);
        }
    }

    String nodeName() {
        return kubelet.nodeName();
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        kubelet.close();
    }
}
