package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.ListQuery;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Cluster IPs from the service CIDR 10.96.0.0/12 and node ports from 30000-32767, allocated by the
 * API server as kube-apiserver does (pkg/registry/core/service/ipallocator and portallocator).
 * What is in use is read from the stored services; values handed out but not yet stored are held
 * for a while so two concurrent creates cannot get the same one.
 */
final class ServiceAllocations {

    static final String SERVICE_CIDR = "10.96.0.0/12";
    /** The first address of the range belongs to the `kubernetes` service. */
    static final String KUBERNETES_SERVICE_IP = "10.96.0.1";
    private static final long RANGE_BASE = ipv4("10.96.0.0");
    private static final long RANGE_SIZE = 1L << 20;
    /** kube's static band: min(max(16, size/16), 256) addresses at the bottom, allocated dynamically only when the rest is full. */
    private static final long STATIC_BAND = Math.min(Math.max(16, RANGE_SIZE / 16), 256);
    private static final int NODE_PORT_MIN = 30000;
    private static final int NODE_PORT_MAX = 32767;
    private static final Duration HOLD = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Registry registry;
    /** The service being allocated for, named in errors; only touched under the lock. */
    private String name;
    private final Map<String, Instant> heldIps = new HashMap<>();
    private final Map<Integer, Instant> heldPorts = new HashMap<>();

    ServiceAllocations(Registry registry) {
        this.registry = registry;
    }

    /** Fills in spec.clusterIP(s), IP families and node ports; {@code old} is the stored spec on update. */
    synchronized void allocate(String name, ServiceSpec spec, ServiceSpec old) {
        this.name = name;
        if (spec.getType().equals("ExternalName")) {
            return;
        }
        List<Service> services = existing();
        if (old != null && !isEmpty(old.getClusterIP())) {
            // an update keeps the allocated IP; a different one is refused by validation (may not change once set)
            if (isEmpty(spec.getClusterIP())) {
                spec.setClusterIP(old.getClusterIP());
                spec.setClusterIPs(old.getClusterIPs());
            }
        } else {
            allocateClusterIp(spec, services);
        }
        if (spec.getClusterIPs() == null || spec.getClusterIPs().isEmpty()) {
            spec.setClusterIPs(List.of(spec.getClusterIP()));
        }
        if (spec.getIpFamilyPolicy() == null) {
            spec.setIpFamilyPolicy(old != null && old.getIpFamilyPolicy() != null ? old.getIpFamilyPolicy() : "SingleStack");
        }
        if (spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty()) {
            spec.setIpFamilies(List.of("IPv4"));
        }
        if (spec.getType().equals("NodePort") || (spec.getType().equals("LoadBalancer")
                && !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts()))) {
            allocateNodePorts(spec, old, services);
        }
    }

    private void allocateClusterIp(ServiceSpec spec, List<Service> services) {
        String requested = spec.getClusterIP();
        if ("None".equals(requested)) {
            spec.setClusterIPs(List.of("None"));
            return;
        }
        Set<String> used = new HashSet<>(heldIps.keySet());
        services.forEach(s -> used.add(ServiceStrategy.spec(s).getClusterIP()));
        if (!isEmpty(requested)) {
            long ip = ipv4(requested);
            if (ip < 0 || ip <= RANGE_BASE || ip >= RANGE_BASE + RANGE_SIZE - 1) {
                throw invalidIp(requested, "the provided IP (" + requested + ") is not in the valid range. The range of "
                        + "valid IPs is " + SERVICE_CIDR);
            }
            if (used.contains(requested)) {
                throw invalidIp(requested, "provided IP is already allocated");
            }
            hold(heldIps, requested);
            return;
        }
        // as kube's ipallocator (ServiceIPStaticSubrange): a random free address of the upper band first, the
        // lower band (kept for addresses users choose) only when that is full; never the network or broadcast
        // address, nor the first, which the `kubernetes` service owns
        long lowest = RANGE_BASE + 2;
        long highest = RANGE_BASE + RANGE_SIZE - 2;
        String candidate = freeIp(used, RANGE_BASE + STATIC_BAND, highest);
        if (candidate == null) {
            candidate = freeIp(used, lowest, RANGE_BASE + STATIC_BAND - 1);
        }
        if (candidate == null) {
            throw StatusErrors.internal(new IllegalStateException("range is full: no cluster IP left in " + SERVICE_CIDR));
        }
        spec.setClusterIP(candidate);
        spec.setClusterIPs(List.of(candidate));
        hold(heldIps, candidate);
    }

    /** A free address in [first, last], scanning from a random one (the bitmap allocator's random scan). */
    private static String freeIp(Set<String> used, long first, long last) {
        long size = last - first + 1;
        long start = RANDOM.nextLong(size);
        for (long i = 0; i < size; i++) {
            String candidate = format(first + (start + i) % size);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private void allocateNodePorts(ServiceSpec spec, ServiceSpec old, List<Service> services) {
        Set<Integer> used = new HashSet<>(heldPorts.keySet());
        services.forEach(s -> PodSpecDefaults.orEmpty(ServiceStrategy.spec(s).getPorts()).forEach(p -> used.add(p.getNodePort())));
        List<ServicePort> ports = PodSpecDefaults.orEmpty(spec.getPorts());
        List<ServicePort> oldPorts = old == null ? List.of() : PodSpecDefaults.orEmpty(old.getPorts());
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            Integer previous = oldPorts.stream().filter(p -> Objects.equals(p.getName(), port.getName())
                    && Objects.equals(p.getPort(), port.getPort())).map(ServicePort::getNodePort).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            if (port.getNodePort() == null || port.getNodePort() == 0) {
                port.setNodePort(previous != null ? previous : freePort(used));
            } else if (!port.getNodePort().equals(previous)) {
                int requested = port.getNodePort();
                String field = "spec.ports[" + i + "].nodePort";
                if (requested < NODE_PORT_MIN || requested > NODE_PORT_MAX) {
                    throw invalid(field, requested, "provided port is not in the valid range. The range of valid ports is "
                            + NODE_PORT_MIN + "-" + NODE_PORT_MAX);
                }
                if (used.contains(requested)) {
                    throw invalid(field, requested, "provided port is already allocated");
                }
                hold(heldPorts, requested);
            }
            used.add(port.getNodePort());
        }
    }

    private int freePort(Set<Integer> used) {
        int size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
        int start = RANDOM.nextInt(size);
        for (int i = 0; i < size; i++) {
            int candidate = NODE_PORT_MIN + (start + i) % size;
            if (!used.contains(candidate)) {
                hold(heldPorts, candidate);
                return candidate;
            }
        }
        throw StatusErrors.internal(new IllegalStateException("range is full: no node port left"));
    }

    private List<Service> existing() {
        Instant now = Instant.now();
        heldIps.values().removeIf(until -> until.isBefore(now));
        heldPorts.values().removeIf(until -> until.isBefore(now));
        @SuppressWarnings("unchecked")
        ResourceType<Service> type = (ResourceType<Service>) registry.table().find("", "v1", "services").orElseThrow();
        ResourceStore<Service> store = registry.storeFor(type);
        return store.list(null, ListQuery.ALL).items();
    }

    private static <K> void hold(Map<K, Instant> held, K value) {
        held.put(value, Instant.now().plus(HOLD));
    }

    private RuntimeException invalidIp(String ip, String why) {
        return StatusErrors.invalid("", "Service", name, List.of(FieldError.invalidRaw("spec.clusterIPs",
                "[]string{\"" + ip + "\"}", "failed to allocate IP " + ip + ": " + why)));
    }

    private RuntimeException invalid(String field, int value, String why) {
        return StatusErrors.invalid("", "Service", name, List.of(FieldError.invalid(field, value, why)));
    }

    static long ipv4(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        try {
            for (String part : parts) {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    return -1;
                }
                value = value << 8 | octet;
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return value;
    }

    private static String format(long ip) {
        return (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
