package io.jk8s.api.registry.networking;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * ValidateNetworkPolicySpec (pkg/apis/networking/validation/validation.go) with upstream's
 * messages: ports, peers (exactly one kind when ipBlock is used) and policyTypes.
 */
final class NetworkPolicyValidation {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");

    private NetworkPolicyValidation() {}

    static List<FieldError> validateSpec(NetworkPolicySpec spec) {
        List<FieldError> errors = new ArrayList<>();
        selector(spec.getPodSelector(), "spec.podSelector", errors);
        List<NetworkPolicyIngressRule> ingress = spec.getIngress() == null ? List.of() : spec.getIngress();
        for (int i = 0; i < ingress.size(); i++) {
            rule(ingress.get(i).getPorts(), ingress.get(i).getFrom(), "spec.ingress[" + i + "]", "from", errors);
        }
        List<NetworkPolicyEgressRule> egress = spec.getEgress() == null ? List.of() : spec.getEgress();
        for (int i = 0; i < egress.size(); i++) {
            rule(egress.get(i).getPorts(), egress.get(i).getTo(), "spec.egress[" + i + "]", "to", errors);
        }
        List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        if (types.size() > POLICY_TYPES.size()) {
            errors.add(FieldError.invalidRaw("spec.policyTypes", "[]networking.PolicyType{"
                    + String.join(", ", types.stream().map(t -> "\"" + t + "\"").toList()) + "}",
                    "may not specify more than two policyTypes"));
            return errors;
        }
        for (int i = 0; i < types.size(); i++) {
            if (!POLICY_TYPES.contains(types.get(i))) {
                errors.add(FieldError.notSupported("spec.policyTypes[" + i + "]", types.get(i), POLICY_TYPES));
            }
        }
        return errors;
    }

    private static void rule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers, String path, String peerField,
            List<FieldError> errors) {
        List<NetworkPolicyPort> portList = NetworkPolicyStrategy.ports(ports);
        for (int i = 0; i < portList.size(); i++) {
            port(portList.get(i), path + ".ports[" + i + "]", errors);
        }
        List<NetworkPolicyPeer> peerList = peers == null ? List.of() : peers;
        for (int i = 0; i < peerList.size(); i++) {
            peer(peerList.get(i), path + "." + peerField + "[" + i + "]", errors);
        }
    }

    /** ValidateNetworkPolicyPort. */
    private static void port(NetworkPolicyPort port, String path, List<FieldError> errors) {
        if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
            errors.add(FieldError.notSupported(path + ".protocol", port.getProtocol(), PROTOCOLS));
        }
        IntOrString value = port.getPort();
        Integer endPort = port.getEndPort();
        if (value == null) {
            if (endPort != null) {
                errors.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is not specified"));
            }
        } else if (value.getIntVal() != null) {
            int number = value.getIntVal();
            Ports.checkNumber(number).forEach(problem -> errors.add(FieldError.invalid(path + ".port", number, problem)));
            if (endPort != null) {
                if (endPort < number) {
                    errors.add(FieldError.invalid(path + ".endPort", number, "must be greater than or equal to `port`"));
                }
                Ports.checkNumber(endPort).forEach(problem -> errors.add(FieldError.invalid(path + ".endPort", endPort, problem)));
            }
        } else {
            if (endPort != null) {
                errors.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is non-numeric"));
            }
            String name = value.getStrVal() == null ? "" : value.getStrVal();
            Ports.checkName(name).forEach(problem -> errors.add(FieldError.invalid(path + ".port", name, problem)));
        }
    }

    /** ValidateNetworkPolicyPeer. */
    private static void peer(NetworkPolicyPeer peer, String path, List<FieldError> errors) {
        int kinds = 0;
        if (peer.getPodSelector() != null) {
            kinds++;
            selector(peer.getPodSelector(), path + ".podSelector", errors);
        }
        if (peer.getNamespaceSelector() != null) {
            kinds++;
            selector(peer.getNamespaceSelector(), path + ".namespaceSelector", errors);
        }
        if (peer.getIpBlock() != null) {
            kinds++;
            ipBlock(peer.getIpBlock(), path + ".ipBlock", errors);
        }
        if (kinds == 0) {
            errors.add(FieldError.required(path, "must specify a peer"));
        } else if (kinds > 1 && peer.getIpBlock() != null) {
            errors.add(FieldError.forbidden(path, "may not specify both ipBlock and another peer"));
        }
    }

    private static void ipBlock(IPBlock block, String path, List<FieldError> errors) {
        if (block.getCidr() == null || block.getCidr().isEmpty()) {
            errors.add(FieldError.required(path + ".cidr", ""));
            return;
        }
        Cidr cidr = Cidr.parse(block.getCidr());
        if (cidr == null) {
            errors.add(FieldError.invalid(path + ".cidr", block.getCidr(), Cidr.INVALID));
            return;
        }
        List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
        for (int i = 0; i < except.size(); i++) {
            String field = path + ".except[" + i + "]";
            Cidr excluded = Cidr.parse(except.get(i));
            if (excluded == null) {
                errors.add(FieldError.invalid(field, except.get(i), Cidr.INVALID));
            } else if (!cidr.strictlyContains(excluded)) {
                errors.add(FieldError.invalid(field, except.get(i), "must be a strict subset of `cidr`"));
            }
        }
    }

    private static void selector(LabelSelector selector, String path, List<FieldError> errors) {
        if (selector != null && selector.getMatchLabels() != null) {
            errors.addAll(LabelValidation.validate(selector.getMatchLabels(), path + ".matchLabels"));
        }
    }
}
