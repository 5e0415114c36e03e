package io.jk8s.reconcilers.certificates;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What each kubernetes.io signer the csrsigning controller serves requires of a request
 * (signer.go getCSRVerificationFuncForSignerName; pkg/apis/certificates/helpers.go): a request
 * that breaks its signer's rule is marked Failed with the message, not signed.
 */
final class SignerRules {

    @FunctionalInterface
    interface Rule {
        /** The reason {@code request} may not be signed for {@code usages}, if any. */
        Optional<String> violation(PKCS10CertificationRequest request, List<String> usages);
    }

    static final String KUBE_APISERVER_CLIENT = "kubernetes.io/kube-apiserver-client";
    static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";
    static final String KUBELET_SERVING = "kubernetes.io/kubelet-serving";

    private static final Set<String> KUBELET_SERVING_USAGES = Set.of("digital signature", "key encipherment", "server auth");
    private static final Set<String> KUBELET_SERVING_USAGES_NO_RSA = Set.of("digital signature", "server auth");
    private static final Set<String> KUBELET_CLIENT_USAGES = Set.of("digital signature", "key encipherment", "client auth");
    private static final Set<String> KUBELET_CLIENT_USAGES_NO_RSA = Set.of("digital signature", "client auth");
    private static final String NODE_PREFIX = "system:node:";

    static final Map<String, Rule> BY_SIGNER = Map.of(
            KUBE_APISERVER_CLIENT, SignerRules::apiServerClient,
            KUBELET_CLIENT, SignerRules::kubeletClient,
            KUBELET_SERVING, SignerRules::kubeletServing);

    private SignerRules() {}

    /** validAPIServerClientUsages: client auth, optionally with digital signature and key encipherment. */
    private static Optional<String> apiServerClient(PKCS10CertificationRequest request, List<String> usages) {
        boolean clientAuth = false;
        for (String usage : usages) {
            if (usage.equals("client auth")) {
                clientAuth = true;
            } else if (!usage.equals("digital signature") && !usage.equals("key encipherment")) {
                return Optional.of("invalid usage for client certificate: " + usage);
            }
        }
        return clientAuth ? Optional.empty() : Optional.of("missing required usage for client certificate: client auth");
    }

    /** ValidateKubeletClientCSR. */
    private static Optional<String> kubeletClient(PKCS10CertificationRequest request, List<String> usages) {
        if (!SigningRequests.organizations(request).equals(List.of("system:nodes"))) {
            return Optional.of("subject organization is not system:nodes");
        }
        if (!names(request, GeneralName.dNSName).isEmpty()) {
            return Optional.of("DNS subjectAltNames are not allowed");
        }
        if (!names(request, GeneralName.rfc822Name).isEmpty()) {
            return Optional.of("Email subjectAltNames are not allowed");
        }
        if (!names(request, GeneralName.iPAddress).isEmpty()) {
            return Optional.of("IP subjectAltNames are not allowed");
        }
        if (!names(request, GeneralName.uniformResourceIdentifier).isEmpty()) {
            return Optional.of("URI subjectAltNames are not allowed");
        }
        if (!SigningRequests.commonName(request).startsWith(NODE_PREFIX)) {
            return Optional.of("subject common name does not begin with system:node:");
        }
        return usagesMatch(usages, KUBELET_CLIENT_USAGES, KUBELET_CLIENT_USAGES_NO_RSA);
    }

    /** ValidateKubeletServingCSR. */
    private static Optional<String> kubeletServing(PKCS10CertificationRequest request, List<String> usages) {
        if (!SigningRequests.organizations(request).equals(List.of("system:nodes"))) {
            return Optional.of("subject organization is not system:nodes");
        }
        if (names(request, GeneralName.dNSName).isEmpty() && names(request, GeneralName.iPAddress).isEmpty()) {
            return Optional.of("DNS or IP subjectAltName is required");
        }
        if (!names(request, GeneralName.rfc822Name).isEmpty()) {
            return Optional.of("Email subjectAltNames are not allowed");
        }
        if (!names(request, GeneralName.uniformResourceIdentifier).isEmpty()) {
            return Optional.of("URI subjectAltNames are not allowed");
        }
        Optional<String> usageProblem = usagesMatch(usages, KUBELET_SERVING_USAGES, KUBELET_SERVING_USAGES_NO_RSA);
        if (usageProblem.isPresent()) {
            return usageProblem;
        }
        if (!SigningRequests.commonName(request).startsWith(NODE_PREFIX)) {
            return Optional.of("subject common name does not begin with system:node:");
        }
        return Optional.empty();
    }

    private static List<GeneralName> names(PKCS10CertificationRequest request, int tag) {
        return SigningRequests.alternativeNames(request, tag);
    }

    /** The usages as a set must be one of the two; Go prints the first, sorted, as {@code [a b c]}. */
    private static Optional<String> usagesMatch(List<String> usages, Set<String> required, Set<String> requiredNoRsa) {
        Set<String> asked = Set.copyOf(usages);
        if (asked.equals(required) || asked.equals(requiredNoRsa)) {
            return Optional.empty();
        }
        return Optional.of("usages did not match [" + String.join(" ", new TreeSet<>(required)) + "]");
    }
}
