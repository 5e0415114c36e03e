package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Services (pkg/registry/core/service/strategy.go and storage/storage.go): SetDefaults_Service, and
 * the cluster IP and node port allocation that kube-apiserver does in the service REST storage.
 */
public final class ServiceStrategy implements Strategy<Service> {

    private static final Set<String> TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
    private ServiceAllocations allocations;

    /** kube's pods and services stores set ReturnDeletedObject (registry/core/service/storage/storage.go): DELETE answers the object. */
    @Override
    public boolean returnDeletedObject() {
        return true;
    }

    @Override
    public void attach(Registry registry) {
        allocations = new ServiceAllocations(registry);
    }

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1035_LABEL;
    }

    @Override
    public void applyDefaults(Service service) {
        ServiceSpec spec = spec(service);
        service.setSpec(spec);
        if (spec.getSessionAffinity() == null || spec.getSessionAffinity().isEmpty()) {
            spec.setSessionAffinity("None");
        }
        if (spec.getSessionAffinity().equals("None")) {
            spec.setSessionAffinityConfig(null);
        }
        if (spec.getType() == null || spec.getType().isEmpty()) {
            spec.setType("ClusterIP");
        }
        for (ServicePort port : PodSpecDefaults.orEmpty(spec.getPorts())) {
            if (port.getProtocol() == null || port.getProtocol().isEmpty()) {
                port.setProtocol("TCP");
            }
            IntOrString target = port.getTargetPort();
            if (target == null || (target.getStrVal() == null && (target.getIntVal() == null || target.getIntVal() == 0))
                    || "".equals(target.getStrVal())) {
                port.setTargetPort(new IntOrString(port.getPort()));
            }
        }
        boolean external = spec.getType().equals("NodePort") || spec.getType().equals("LoadBalancer")
                || (spec.getType().equals("ClusterIP") && spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty());
        if (external && spec.getExternalTrafficPolicy() == null) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        if (spec.getInternalTrafficPolicy() == null && !spec.getType().equals("ExternalName")) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (spec.getType().equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
            spec.setAllocateLoadBalancerNodePorts(true);
        }
    }

    @Override
    public void prepareForCreate(Service service) {
        ServiceStatus status = new ServiceStatus();
        status.setLoadBalancer(new LoadBalancerStatus());
        service.setStatus(status);
        if (TYPES.contains(service.getSpec().getType())) {
            allocations.allocate(service.getMetadata().getName(), service.getSpec(), null);
        }
    }

    /** Allocated values the client left out (kubectl replace, an older copy) are carried over, as upstream. */
    @Override
    public void prepareForUpdate(Service service, Service old) {
        if (TYPES.contains(service.getSpec().getType())) {
            allocations.allocate(service.getMetadata().getName(), service.getSpec(), spec(old));
        }
    }

    @Override
    public List<FieldError> validate(Service service) {
        ServiceSpec spec = spec(service);
        List<FieldError> errors = new ArrayList<>();
        if (!TYPES.contains(spec.getType())) {
            errors.add(FieldError.notSupported("spec.type", spec.getType(),
                    List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")));
        }
        List<ServicePort> ports = PodSpecDefaults.orEmpty(spec.getPorts());
        if (ports.isEmpty() && !"ExternalName".equals(spec.getType()) && !"None".equals(spec.getClusterIP())) {
            errors.add(FieldError.required("spec.ports", ""));
        }
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            if (ports.size() > 1 && (port.getName() == null || port.getName().isEmpty())) {
                errors.add(FieldError.required("spec.ports[" + i + "].name", ""));
            }
            if (port.getPort() == null || port.getPort() < 1 || port.getPort() > 65535) {
                errors.add(FieldError.invalid("spec.ports[" + i + "].port", port.getPort() == null ? 0 : port.getPort(),
                        "must be between 1 and 65535, inclusive"));
            }
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Service service, Service old) {
        List<FieldError> errors = new ArrayList<>(validate(service));
        List<String> ips = spec(service).getClusterIPs();
        List<String> oldIps = spec(old).getClusterIPs();
        boolean toOrFromExternalName = "ExternalName".equals(spec(service).getType()) || "ExternalName".equals(spec(old).getType());
        if (!toOrFromExternalName && oldIps != null && !oldIps.isEmpty() && ips != null && !ips.isEmpty()
                && !oldIps.get(0).equals(ips.get(0))) {
            errors.add(FieldError.invalidRaw("spec.clusterIPs[0]", "[]string{\"" + String.join("\", \"", ips) + "\"}",
                    "may not change once set"));
        }
        return errors;
    }

    @Override
    public List<TableColumn<Service>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Type", "string", "type determines how the Service is exposed. Defaults to ClusterIP.",
                        (s, now) -> spec(s).getType()),
                TableColumn.of("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned "
                        + "randomly.", (s, now) -> spec(s).getClusterIPs() == null || spec(s).getClusterIPs().isEmpty()
                        ? "<none>" : spec(s).getClusterIPs().get(0)),
                TableColumn.of("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster "
                        + "will also accept traffic for this service.", (s, now) -> externalIp(s)),
                TableColumn.of("Port(s)", "string", "The list of ports that are exposed by this service.",
                        (s, now) -> ports(spec(s).getPorts())),
                StandardColumns.age(),
                TableColumn.<Service>of("Selector", "string", "Route service traffic to pods with label keys and values "
                        + "matching this selector.", (s, now) -> LabelSelectorStrings.orNone(
                        LabelSelectorStrings.of(spec(s).getSelector()))).priority(1));
    }

    /** printers.go makePortString: {@code port[:nodePort]/protocol}, comma-joined. */
    private static String ports(List<ServicePort> ports) {
        if (ports == null || ports.isEmpty()) {
            return "<none>";
        }
        return String.join(",", ports.stream().map(p -> p.getNodePort() != null && p.getNodePort() > 0
                ? p.getPort() + ":" + p.getNodePort() + "/" + p.getProtocol() : p.getPort() + "/" + p.getProtocol()).toList());
    }

    /** printers.go getServiceExternalIP. */
    private static String externalIp(Service service) {
        ServiceSpec spec = spec(service);
        List<String> externalIps = PodSpecDefaults.orEmpty(spec.getExternalIPs());
        switch (spec.getType() == null ? "" : spec.getType()) {
            case "ClusterIP", "NodePort":
                return externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
            case "LoadBalancer": {
                List<String> all = new ArrayList<>();
                if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null) {
                    for (LoadBalancerIngress ingress : PodSpecDefaults.orEmpty(service.getStatus().getLoadBalancer().getIngress())) {
                        if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
                            all.add(ingress.getIp());
                        } else if (ingress.getHostname() != null && !ingress.getHostname().isEmpty()) {
                            all.add(ingress.getHostname());
                        }
                    }
                }
                all.addAll(externalIps);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName":
                return spec.getExternalName();
            default:
                return "<unknown>";
        }
    }

    static ServiceSpec spec(Service s) {
        return s.getSpec() == null ? new ServiceSpec() : s.getSpec();
    }
}
