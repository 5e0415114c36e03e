package io.jk8s.node.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-proxy role for this node. Node ports are a userspace proxy (kube-proxy's old
 * {@code userspace} mode): every TCP port of a NodePort or LoadBalancer Service is listened on at
 * {@code 127.0.0.1:<nodePort>}, and each connection goes to the next ready endpoint of the Service's
 * EndpointSlices, round robin. Endpoints are read from the informer at connect time, so a change is
 * followed at once; with no ready endpoint the connection is reset, as kube-proxy rejects traffic to a
 * Service without endpoints. Only loopback listens: nothing is exposed beyond this machine.
 *
 * <p>Cluster IPs are kernel DNAT rules ({@link IptablesProxier}), rewritten on every Service or
 * EndpointSlice change. Only endpoints on the pod network become DNAT targets, so a hand-made
 * EndpointSlice can never send pod traffic off the machine.
 */
public final class ServiceProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProxy.class);
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The API server's service range (its --service-cluster-ip-range): only these addresses are ever rewritten. */
    static final Ipv4Cidr SERVICE_CIDR = Ipv4Cidr.parse("10.96.0.0/12");

    /** One proxied port: the Service (namespace/name) and its port's name, which the slices' ports carry too. */
    record ServicePortName(String namespace, String service, String port) {}

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;
    private final Ipv4Cidr podNetwork;
    /** Null when iptables cannot be used here: then only node ports work. */
    private volatile IptablesProxier clusterIps;
    private final Map<Integer, PortListener> listeners = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "service-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private ServiceProxy(KubernetesClient client, Ipv4Cidr podNetwork) {
        this.podNetwork = podNetwork;
        this.slices = client.discovery().v1().endpointSlices().inAnyNamespace().inform(onAnyChange(this::syncClusterIps), 0);
        this.services = client.services().inAnyNamespace().inform(onAnyChange(() -> {
            sync();
            syncClusterIps();
        }), 0);
        sync();
    }

    /** @param podSubnet the pod network's range: the only addresses cluster IPs are translated to */
    public static ServiceProxy start(KubernetesClient client, String podSubnet) {
        ServiceProxy proxy = new ServiceProxy(client, Ipv4Cidr.parse(podSubnet));
        proxy.clusterIps = IptablesProxier.start(podSubnet, SERVICE_CIDR.text(), proxy::clusterIpRules);
        log.info("service proxy: node ports listen on 127.0.0.1");
        return proxy;
    }

    private static <T> ResourceEventHandler<T> onAnyChange(Runnable action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                action.run();
            }

            @Override
            public void onUpdate(T old, T obj) {
                action.run();
            }

            @Override
            public void onDelete(T obj, boolean finalStateUnknown) {
                action.run();
            }
        };
    }

    private void syncClusterIps() {
        IptablesProxier proxier = clusterIps;
        if (proxier != null) {
            proxier.requestSync();
        }
    }

    /** Every TCP and UDP port of every Service with a cluster IP, with its ready endpoints on the pod network. */
    private List<ClusterIpRules.ServicePortRule> clusterIpRules() {
        List<ClusterIpRules.ServicePortRule> rules = new ArrayList<>();
        for (Service s : services.getStore().list()) {
            String ip = s.getSpec().getClusterIP();
            if (ip == null || !SERVICE_CIDR.contains(ip) || s.getSpec().getPorts() == null) {
                continue; // headless ("None"), ExternalName, or not from the range the hooks catch
            }
            for (ServicePort p : s.getSpec().getPorts()) {
                String protocol = Objects.requireNonNullElse(p.getProtocol(), "TCP");
                if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
                    continue;
                }
                ServicePortName target = new ServicePortName(s.getMetadata().getNamespace(), s.getMetadata().getName(),
                        Objects.requireNonNullElse(p.getName(), ""));
                List<InetSocketAddress> endpoints = endpoints(target).stream()
                        .filter(e -> podNetwork.contains(e.getHostString())).toList();
                rules.add(new ClusterIpRules.ServicePortRule(target.namespace(), target.service(), target.port(), protocol, ip,
                        p.getPort(), endpoints));
            }
        }
        return rules;
    }

    /** Opens a listener per wanted node port, closes those no Service wants any more. */
    private synchronized void sync() {
        Map<Integer, ServicePortName> wanted = new HashMap<>();
        for (Service s : services == null ? List.<Service>of() : services.getStore().list()) {
            String type = s.getSpec().getType();
            if (!"NodePort".equals(type) && !"LoadBalancer".equals(type)) {
                continue;
            }
            for (ServicePort p : s.getSpec().getPorts()) {
                if (p.getNodePort() != null && p.getNodePort() > 0 && (p.getProtocol() == null || "TCP".equals(p.getProtocol()))) {
                    wanted.put(p.getNodePort(), new ServicePortName(s.getMetadata().getNamespace(), s.getMetadata().getName(),
                            Objects.requireNonNullElse(p.getName(), "")));
                }
            }
        }
        listeners.entrySet().removeIf(e -> {
            boolean stale = !e.getValue().target().equals(wanted.get(e.getKey()));
            if (stale) {
                e.getValue().close();
            }
            return stale;
        });
        wanted.forEach((port, target) -> listeners.computeIfAbsent(port, p -> {
            try {
                return PortListener.open(p, target, this, threads);
            } catch (RuntimeException e) {
                log.warn("service proxy: cannot listen on 127.0.0.1:{} for {}/{}: {}", p, target.namespace(), target.service(),
                        e.getMessage());
                return null;
            }
        }));
    }

    /** The ready endpoints of a Service port now, in a stable order (slice, then endpoint). */
    List<InetSocketAddress> endpoints(ServicePortName target) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (EndpointSlice slice : slices.getStore().list()) {
            if (!target.namespace().equals(slice.getMetadata().getNamespace()) || slice.getMetadata().getLabels() == null
                    || !target.service().equals(slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL))) {
                continue;
            }
            Integer port = null;
            for (EndpointPort p : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
                if (target.port().equals(Objects.requireNonNullElse(p.getName(), ""))) {
                    port = p.getPort();
                }
            }
            if (port == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                // EndpointConditions: a nil ready means ready
                boolean ready = e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
                if (ready && e.getAddresses() != null && !e.getAddresses().isEmpty()) {
                    result.add(new InetSocketAddress(e.getAddresses().get(0), port));
                }
            }
        }
        return result;
    }

    @Override
    public void close() {
        if (clusterIps != null) {
            clusterIps.close();
        }
        services.close();
        slices.close();
        listeners.values().forEach(PortListener::close);
        listeners.clear();
        threads.shutdownNow();
    }
}
