package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The service environment variables kubelet gives every container (kubelet_pods.go
 * {@code getServiceEnvVarMap} and pkg/kubelet/envvars {@code FromServices}): the {@code kubernetes}
 * Service of {@code default} always, and with {@code enableServiceLinks} (defaulted to true) every
 * Service of the pod's namespace that has a cluster IP when the container is created, as
 * {@code <NAME>_SERVICE_HOST}/{@code _SERVICE_PORT} plus Docker-link variables.
 */
final class ServiceLinks {

    /** kubelet's masterServices: always linked from the default namespace. */
    private static final String MASTER_SERVICE = "kubernetes";

    private final Supplier<List<Service>> services;

    ServiceLinks(Supplier<List<Service>> services) {
        this.services = services;
    }

    Map<String, String> variables(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        boolean links = !Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks());
        Map<String, Service> byName = new HashMap<>();
        for (Service s : services.get()) {
            if (!hasClusterIp(s)) {
                continue;
            }
            String name = s.getMetadata().getName();
            if ("default".equals(s.getMetadata().getNamespace()) && MASTER_SERVICE.equals(name)) {
                byName.putIfAbsent(name, s); // a service of that name in the pod's own namespace wins
            } else if (namespace.equals(s.getMetadata().getNamespace()) && links) {
                byName.put(name, s);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        byName.values().forEach(s -> fromService(s, env));
        return env;
    }

    private static boolean hasClusterIp(Service s) {
        String ip = s.getSpec() == null ? null : s.getSpec().getClusterIP();
        return ip != null && !ip.isEmpty() && !"None".equals(ip) && s.getSpec().getPorts() != null
                && !s.getSpec().getPorts().isEmpty();
    }

    private static void fromService(Service s, Map<String, String> env) {
        String prefix = variableName(s.getMetadata().getName());
        String ip = s.getSpec().getClusterIP();
        List<ServicePort> ports = s.getSpec().getPorts();
        env.put(prefix + "_SERVICE_HOST", ip);
        env.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).getPort()));
        // only the first port may be unnamed (validation), so every named one gets its own variable
        for (ServicePort p : ports) {
            if (p.getName() != null && !p.getName().isEmpty()) {
                env.put(prefix + "_SERVICE_PORT_" + variableName(p.getName()), String.valueOf(p.getPort()));
            }
        }
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
            String url = protocol.toLowerCase(Locale.ROOT) + "://" + hostPort(ip, p.getPort());
            if (i == 0) {
                env.put(prefix + "_PORT", url); // Docker links special-case the first port
            }
            String portPrefix = prefix + "_PORT_" + p.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
            env.put(portPrefix, url);
            env.put(portPrefix + "_PROTO", protocol.toLowerCase(Locale.ROOT));
            env.put(portPrefix + "_PORT", String.valueOf(p.getPort()));
            env.put(portPrefix + "_ADDR", ip);
        }
    }

    /** envvars' makeEnvVariableName: upper case, dashes to underscores. */
    private static String variableName(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** net.JoinHostPort: an IPv6 address in brackets. */
    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
