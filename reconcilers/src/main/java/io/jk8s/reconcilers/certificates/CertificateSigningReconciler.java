package io.jk8s.reconcilers.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.Reconciler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Signs an approved request for one of the kubernetes.io signers it serves (signer.go handle):
 * the PEM certificate goes into status.certificate through /status. Requests that are not
 * approved, are denied or failed, already have a certificate or name another signer are left
 * alone; one that breaks its signer's rules gets a Failed condition instead.
 */
final class CertificateSigningReconciler implements Reconciler {

    /** Twice the backdate: a shorter requested duration is raised to this. */
    private static final Duration MINIMUM = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final Indexer<CertificateSigningRequest> requests;
    private final CertificateAuthority authority;
    private final Duration maximum;
    private final Clock clock;

    CertificateSigningReconciler(KubernetesClient client, Indexer<CertificateSigningRequest> requests,
            CertificateAuthority authority, Duration maximum, Clock clock) {
        this.client = client;
        this.requests = requests;
        this.authority = authority;
        this.maximum = maximum;
        this.clock = clock;
    }

    @Override
    public Duration reconcile(String name) throws IOException {
        CertificateSigningRequest cached = requests.getByKey(name);
        if (cached == null || hasCertificate(cached) || !approved(cached) || hasTrue(cached, "Failed")) {
            return null;
        }
        SignerRules.Rule rule = SignerRules.BY_SIGNER.get(cached.getSpec().getSignerName());
        if (rule == null) {
            return null;
        }
        // the informer's object is shared: work on a copy
        CertificateSigningRequest csr = client.getKubernetesSerialization().clone(cached);
        PKCS10CertificationRequest request = SigningRequests.parse(csr.getSpec().getRequest());
        List<String> usages = csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        Optional<String> violation = rule.violation(request, usages);
        if (violation.isPresent()) {
            conditions(csr).add(new CertificateSigningRequestConditionBuilder().withType("Failed").withStatus("True")
                    .withReason("SignerValidationFailure").withMessage(violation.get())
                    .withLastUpdateTime(now()).build());
        } else {
            String certificate = authority.sign(request, usages, duration(csr.getSpec().getExpirationSeconds()), clock.instant());
            csr.getStatus().setCertificate(Base64.getEncoder().encodeToString(certificate.getBytes(StandardCharsets.US_ASCII)));
        }
        try {
            client.certificates().v1().certificateSigningRequests().resource(csr).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        return null;
    }

    /** signer.duration: the requested duration within [10 minutes, --cluster-signing-duration]; the maximum when none is asked. */
    private Duration duration(Integer expirationSeconds) {
        if (expirationSeconds == null) {
            return maximum;
        }
        Duration requested = Duration.ofSeconds(expirationSeconds);
        if (requested.compareTo(maximum) > 0) {
            return maximum;
        }
        return requested.compareTo(MINIMUM) < 0 ? MINIMUM : requested;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static List<CertificateSigningRequestCondition> conditions(CertificateSigningRequest csr) {
        if (csr.getStatus() == null) {
            csr.setStatus(new CertificateSigningRequestStatus());
        }
        if (csr.getStatus().getConditions() == null) {
            csr.getStatus().setConditions(new ArrayList<>());
        }
        return csr.getStatus().getConditions();
    }

    private static boolean hasCertificate(CertificateSigningRequest csr) {
        return csr.getStatus() != null && csr.getStatus().getCertificate() != null && !csr.getStatus().getCertificate().isEmpty();
    }

    /** IsCertificateRequestApproved: an Approved condition and no Denied one (of any status). */
    private static boolean approved(CertificateSigningRequest csr) {
        List<CertificateSigningRequestCondition> all = csr.getStatus() == null || csr.getStatus().getConditions() == null
                ? List.of() : csr.getStatus().getConditions();
        return all.stream().anyMatch(c -> "Approved".equals(c.getType())) && all.stream().noneMatch(c -> "Denied".equals(c.getType()));
    }

    private static boolean hasTrue(CertificateSigningRequest csr, String type) {
        return csr.getStatus() != null && csr.getStatus().getConditions() != null && csr.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
