package io.jk8s.api.registry.networking;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ingresses (pkg/registry/networking/ingress/strategy.go): the spec bumps the generation, status is
 * written only through {@code /status}. networking/v1 has no defaulting for ingresses, so a path
 * without {@code pathType} is refused rather than defaulted (only v1beta1 defaulted it).
 */
public final class IngressStrategy implements Strategy<Ingress> {

    private static final int MAX_HOSTS_SHOWN = 3;

    private DefaultIngressClass defaultClass;

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void attach(Registry registry) {
        defaultClass = new DefaultIngressClass(registry);
    }

    /** Go's IngressStatus holds loadBalancer as a struct, so an ingress always reads {@code loadBalancer: {}} at least. */
    @Override
    public void prepareForCreate(Ingress ingress) {
        ingress.setStatus(new IngressStatus(new IngressLoadBalancerStatus()));
        defaultClass.admit(ingress);
    }

    @Override
    public void prepareForStatusUpdate(Ingress ingress, Ingress old) {
        if (ingress.getStatus() == null) {
            ingress.setStatus(new IngressStatus());
        }
        if (ingress.getStatus().getLoadBalancer() == null) {
            ingress.getStatus().setLoadBalancer(new IngressLoadBalancerStatus());
        }
    }

    @Override
    public List<FieldError> validate(Ingress ingress) {
        List<FieldError> errors = new ArrayList<>(IngressValidation.validateSpec(spec(ingress)));
        // ValidateIngressCreate only: an update may keep a stale annotation
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(DefaultIngressClass.CLASS_ANNOTATION);
        String className = spec(ingress).getIngressClassName();
        if (annotated != null && className != null && !annotated.equals(className)) {
            errors.add(FieldError.invalid("annotations." + DefaultIngressClass.CLASS_ANNOTATION, annotated,
                    "must match `ingressClassName` when both are specified"));
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Ingress ingress, Ingress old) {
        return IngressValidation.validateSpec(spec(ingress));
    }

    /** ValidateIngressLoadBalancerStatus: load-balancer points are IPs or DNS names, never an IP as a name. */
    @Override
    public List<FieldError> validateStatusUpdate(Ingress ingress, Ingress old) {
        List<FieldError> errors = new ArrayList<>();
        IngressStatus status = ingress.getStatus();
        List<IngressLoadBalancerIngress> points = status == null || status.getLoadBalancer() == null
                || status.getLoadBalancer().getIngress() == null ? List.of() : status.getLoadBalancer().getIngress();
        for (int i = 0; i < points.size(); i++) {
            String path = "status.loadBalancer.ingress[" + i + "]";
            String ip = points.get(i).getIp();
            if (ip != null && !ip.isEmpty() && !HostNames.isIp(ip)) {
                errors.add(FieldError.invalid(path + ".ip", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
            String hostname = points.get(i).getHostname();
            if (hostname != null && !hostname.isEmpty()) {
                NameRule.DNS1123_SUBDOMAIN.check(hostname)
                        .forEach(problem -> errors.add(FieldError.invalid(path + ".hostname", hostname, problem)));
                if (HostNames.isIp(hostname)) {
                    errors.add(FieldError.invalid(path + ".hostname", hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
        return errors;
    }

    /** printers.go printIngress; the server prints with Wide set, so the address is never clipped. */
    @Override
    public List<TableColumn<Ingress>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Class", "string", "The name of the IngressClass resource that should be used for additional "
                        + "configuration", (i, now) -> spec(i).getIngressClassName() == null ? "<none>"
                        : spec(i).getIngressClassName()),
                TableColumn.of("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule",
                        (i, now) -> hosts(spec(i).getRules())),
                TableColumn.of("Address", "string", "Address is a list containing ingress points for the load-balancer",
                        (i, now) -> address(i)),
                TableColumn.of("Ports", "string", "Ports of TLS configurations that open",
                        (i, now) -> spec(i).getTls() == null || spec(i).getTls().isEmpty() ? "80" : "80, 443"),
                StandardColumns.age());
    }

    /** printers.go formatHosts: the first three hosts, "*" when no rule names one. */
    private static String hosts(List<IngressRule> rules) {
        if (rules == null) {
            return "*";
        }
        List<String> shown = new ArrayList<>();
        boolean more = false;
        for (IngressRule rule : rules) {
            if (shown.size() == MAX_HOSTS_SHOWN) {
                more = true;
            }
            if (!more && rule.getHost() != null && !rule.getHost().isEmpty()) {
                shown.add(rule.getHost());
            }
        }
        if (shown.isEmpty()) {
            return "*";
        }
        String joined = String.join(",", shown);
        return more ? joined + " + " + (rules.size() - MAX_HOSTS_SHOWN) + " more..." : joined;
    }

    /** ingressLoadBalancerStatusStringer: the sorted, distinct IPs (or host names when no IP). */
    private static String address(Ingress ingress) {
        TreeSet<String> addresses = new TreeSet<>();
        if (ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
                && ingress.getStatus().getLoadBalancer().getIngress() != null) {
            for (IngressLoadBalancerIngress point : ingress.getStatus().getLoadBalancer().getIngress()) {
                if (point.getIp() != null && !point.getIp().isEmpty()) {
                    addresses.add(point.getIp());
                } else if (point.getHostname() != null && !point.getHostname().isEmpty()) {
                    addresses.add(point.getHostname());
                }
            }
        }
        return String.join(",", addresses);
    }

    private static IngressSpec spec(Ingress ingress) {
        return ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
    }
}
