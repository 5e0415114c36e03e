package io.jk8s.api.registry.networking;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * NetworkPolicies (pkg/registry/networking/networkpolicy/strategy.go). kube 1.32 serves no status
 * for them (the NetworkPolicyStatus gate is gone), so only the spec and its generation matter.
 */
public final class NetworkPolicyStrategy implements Strategy<NetworkPolicy> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /**
     * pkg/apis/networking/v1/defaults.go: ports default to TCP, and a policy without policyTypes
     * is an Ingress policy, plus Egress when it has egress rules.
     */
    @Override
    public void applyDefaults(NetworkPolicy policy) {
        NetworkPolicySpec spec = spec(policy);
        policy.setSpec(spec);
        // a struct, not a pointer, upstream: an omitted selector reads back as {}
        if (spec.getPodSelector() == null) {
            spec.setPodSelector(new LabelSelector());
        }
        Stream.concat(
                        spec.getIngress() == null ? Stream.empty() : spec.getIngress().stream().map(NetworkPolicyIngressRule::getPorts),
                        spec.getEgress() == null ? Stream.empty() : spec.getEgress().stream().map(NetworkPolicyEgressRule::getPorts))
                .filter(ports -> ports != null)
                .flatMap(List::stream)
                .filter(port -> port.getProtocol() == null)
                .forEach(port -> port.setProtocol("TCP"));
        if (spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()) {
            List<String> types = new ArrayList<>(List.of("Ingress"));
            if (spec.getEgress() != null && !spec.getEgress().isEmpty()) {
                types.add("Egress");
            }
            spec.setPolicyTypes(types);
        }
    }

    @Override
    public List<FieldError> validate(NetworkPolicy policy) {
        return NetworkPolicyValidation.validateSpec(spec(policy));
    }

    @Override
    public List<TableColumn<NetworkPolicy>> tableColumns() {
        return List.of(StandardColumns.name(),
                // printers.go still describes the column with extensions/v1beta1's doc string
                TableColumn.of("Pod-Selector", "string", "Selects the pods to which this NetworkPolicy object applies. The "
                        + "array of ingress rules is applied to any pods selected by this field. Multiple network policies "
                        + "can select the same set of pods. In this case, the ingress rules for each are combined "
                        + "additively. This field is NOT optional and follows standard label selector semantics. An empty "
                        + "podSelector matches all pods in this namespace.",
                        (p, now) -> LabelSelectorStrings.orNone(LabelSelectorStrings.of(spec(p).getPodSelector()))),
                StandardColumns.age());
    }

    static NetworkPolicySpec spec(NetworkPolicy policy) {
        return policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
    }

    static List<NetworkPolicyPort> ports(List<NetworkPolicyPort> ports) {
        return ports == null ? List.of() : ports;
    }
}
