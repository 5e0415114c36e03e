package io.jk8s.api.proxy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where each connect subresource goes, as kube-apiserver works it out (pkg/registry/core/pod/strategy.go
 * LogLocation, streamLocation, PortForwardLocation, ResourceLocation; node and service ResourceLocation):
 * the pod's node from the store, that Node's InternalIP and kubelet port
 * ({@code status.daemonEndpoints.kubeletEndpoint.Port}, 10250 if unset), or the pod's or an endpoint's IP.
 * Every method reads the store, so callers run them on a worker thread.
 */
public final class ConnectLocations {

    private static final int DEFAULT_KUBELET_PORT = 10250;

    private final ResourceStore<Pod> pods;
    private final ResourceStore<Node> nodes;
    private final ResourceStore<Service> services;
    private final ResourceStore<Endpoints> endpoints;

    public ConnectLocations(Registry registry) {
        this.pods = store(registry, "pods");
        this.nodes = store(registry, "nodes");
        this.services = store(registry, "services");
        this.endpoints = store(registry, "endpoints");
    }

    @SuppressWarnings("unchecked")
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceStore<T> store(Registry registry, String plural) {
        ResourceType<?> type = registry.table().find("", "v1", plural)
                .orElseThrow(() -> new IllegalStateException("core/v1 " + plural + " are not served"));
        return (ResourceStore<T>) registry.storeFor(type);
    }

    /** {@code pods/log}: the kubelet's containerLogs, or null when the pod has no node yet (an empty log). */
    public ConnectTarget log(String namespace, String name, String container, String query) {
        Pod pod = pods.get(namespace, name);
        String chosen = container(pod, container);
        if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return null;
        }
        return kubelet(pod.getSpec().getNodeName(), "/containerLogs/" + namespace + "/" + name + "/" + chosen, query);
    }

    /** {@code pods/exec} and {@code pods/attach} ({@code action} "exec" or "attach"). */
    public ConnectTarget stream(String namespace, String name, String container, String action, String query) {
        Pod pod = pods.get(namespace, name);
        String chosen = container(pod, container);
        return kubelet(assignedNode(pod), "/" + action + "/" + namespace + "/" + name + "/" + chosen, query);
    }

    /** {@code pods/portforward}. */
    public ConnectTarget portForward(String namespace, String name, String query) {
        Pod pod = pods.get(namespace, name);
        return kubelet(assignedNode(pod), "/portForward/" + namespace + "/" + name, query);
    }

    /** {@code pods/proxy}: {@code id} is {@code name}, {@code name:port} or {@code scheme:name:port}; the pod's IP directly. */
    public ConnectTarget podProxy(String namespace, String id, String path, String query) {
        SchemeNamePort target = SchemeNamePort.parse(id);
        Pod pod = pods.get(namespace, target.name());
        String port = target.port();
        if (port.isEmpty()) {
            // kube: the first port declared by any container
            port = pod.getSpec().getContainers().stream().map(Container::getPorts).filter(p -> p != null && !p.isEmpty())
                    .map(p -> Integer.toString(p.get(0).getContainerPort())).findFirst().orElse("");
        }
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (ip == null || ip.isEmpty()) {
            throw StatusErrors.badRequest("address not allowed");
        }
        return new ConnectTarget(target.https(), ip, port.isEmpty() ? 80 : parsePort(port), uri(path, query));
    }

    /** {@code services/proxy}: a random ready address of the service's endpoints for the named port. */
    public ConnectTarget serviceProxy(String namespace, String id, String path, String query) {
        SchemeNamePort target = SchemeNamePort.parse(id);
        Service service = services.get(namespace, target.name());
        String portName = target.port();
        if (!portName.isEmpty() && service.getSpec().getPorts() != null) {
            // a port may be given by number; endpoints know it by name
            for (ServicePort p : service.getSpec().getPorts()) {
                if (portName.equals(Integer.toString(p.getPort()))) {
                    portName = p.getName() == null ? "" : p.getName();
                }
            }
        }
        Endpoints found;
        try {
            found = endpoints.get(namespace, target.name());
        } catch (RuntimeException e) {
            throw StatusErrors.serviceUnavailable("no endpoints available for service \"" + target.name() + "\"");
        }
        List<ConnectTarget> candidates = new ArrayList<>();
        for (EndpointSubset subset : found.getSubsets() == null ? List.<EndpointSubset>of() : found.getSubsets()) {
            for (EndpointPort port : subset.getPorts() == null ? List.<EndpointPort>of() : subset.getPorts()) {
                String name = port.getName() == null ? "" : port.getName();
                if (!name.equals(portName)) {
                    continue;
                }
                for (EndpointAddress address : subset.getAddresses() == null ? List.<EndpointAddress>of() : subset.getAddresses()) {
                    candidates.add(new ConnectTarget(target.https(), address.getIp(), port.getPort(), uri(path, query)));
                }
            }
        }
        if (candidates.isEmpty()) {
            throw StatusErrors.serviceUnavailable("no endpoints available for service \"" + target.name() + "\"");
        }
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    /** {@code nodes/proxy}: the node's kubelet server. */
    public ConnectTarget nodeProxy(String id, String path, String query) {
        SchemeNamePort target = SchemeNamePort.parse(id);
        ConnectTarget kubelet = kubelet(target.name(), path.isEmpty() ? "/" : path, query);
        return target.port().isEmpty() ? kubelet
                : new ConnectTarget(kubelet.ssl(), kubelet.host(), parsePort(target.port()), kubelet.uri());
    }

    private ConnectTarget kubelet(String nodeName, String path, String query) {
        Node node = nodes.get(null, nodeName);
        List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null ? List.of()
                : node.getStatus().getAddresses();
        String host = Stream.of("InternalIP", "Hostname", "ExternalIP")
                .flatMap(type -> addresses.stream().filter(a -> type.equals(a.getType())))
                .map(NodeAddress::getAddress).findFirst()
                .orElseThrow(() -> StatusErrors.serviceUnavailable("no preferred addresses found; known addresses: []"));
        int port = DEFAULT_KUBELET_PORT;
        if (node.getStatus().getDaemonEndpoints() != null && node.getStatus().getDaemonEndpoints().getKubeletEndpoint() != null
                && node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort() != null
                && node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort() > 0) {
            port = node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
        }
        return new ConnectTarget(true, host, port, uri(path, query));
    }

    private static String assignedNode(Pod pod) {
        String node = pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            throw StatusErrors.badRequest("pod " + pod.getMetadata().getName() + " does not have a host assigned");
        }
        return node;
    }

    /** The container a request means: the named one, or the only one; kube's BadRequests otherwise. */
    private static String container(Pod pod, String requested) {
        String name = pod.getMetadata().getName();
        List<Container> containers = pod.getSpec().getContainers();
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        if (requested == null || requested.isEmpty()) {
            if (containers.size() == 1) {
                return containers.get(0).getName();
            }
            if (containers.isEmpty()) {
                throw StatusErrors.badRequest("a container name must be specified for pod " + name);
            }
            String message = "a container name must be specified for pod " + name + ", choose one of: " + names(containers);
            if (!inits.isEmpty()) {
                message += " or one of the init containers: " + names(inits);
            }
            throw StatusErrors.badRequest(message);
        }
        List<EphemeralContainer> ephemeral = pod.getSpec().getEphemeralContainers() == null ? List.of()
                : pod.getSpec().getEphemeralContainers();
        // podHasContainerWithName looks at every kind of container: kubectl debug attaches to an ephemeral one
        if (Stream.concat(containers.stream(), inits.stream()).noneMatch(c -> c.getName().equals(requested))
                && ephemeral.stream().noneMatch(c -> c.getName().equals(requested))) {
            throw StatusErrors.badRequest("container " + requested + " is not valid for pod " + name);
        }
        return requested;
    }

    private static String names(List<Container> containers) {
        return containers.stream().map(Container::getName).collect(Collectors.joining(" ", "[", "]"));
    }

    private static String uri(String path, String query) {
        String p = path == null || path.isEmpty() ? "/" : path;
        return query == null || query.isEmpty() ? p : p + "?" + query;
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw StatusErrors.badRequest("invalid port \"" + port + "\": named ports are not supported here");
        }
    }

    /** kube's utilnet.SplitSchemeNamePort: {@code name}, {@code name:port} or {@code scheme:name:port}. */
    private record SchemeNamePort(boolean https, String name, String port) {

        static SchemeNamePort parse(String id) {
            String[] parts = id.split(":", -1);
            return switch (parts.length) {
                case 1 -> new SchemeNamePort(false, parts[0], "");
                case 2 -> new SchemeNamePort(false, parts[0], parts[1]);
                case 3 -> {
                    if (!parts[0].isEmpty() && !parts[0].equals("http") && !parts[0].equals("https")) {
                        throw StatusErrors.badRequest("invalid request \"" + id + "\"");
                    }
                    yield new SchemeNamePort(parts[0].equals("https"), parts[1], parts[2]);
                }
                default -> throw StatusErrors.badRequest("invalid request \"" + id + "\"");
            };
        }
    }
}
