package io.jk8s.api.registry.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A CSR's status.conditions and the strategies' rules for them (pkg/registry/certificates/certificates/strategy.go). */
final class CsrConditions {

    static final String APPROVED = "Approved";
    static final String DENIED = "Denied";
    static final String FAILED = "Failed";

    private CsrConditions() {}

    static List<CertificateSigningRequestCondition> of(CertificateSigningRequest csr) {
        return csr.getStatus() == null || csr.getStatus().getConditions() == null ? List.of() : csr.getStatus().getConditions();
    }

    static List<CertificateSigningRequestCondition> ofType(CertificateSigningRequest csr, String type) {
        return of(csr).stream().filter(c -> type.equals(c.getType())).toList();
    }

    /**
     * preserveConditionInstances: a write through /status keeps the stored conditions of
     * {@code type} when it has as many of them (so only /approval changes approval); a different
     * count is left for validation to refuse.
     */
    static void preserve(CertificateSigningRequest csr, CertificateSigningRequest old, String type) {
        List<CertificateSigningRequestCondition> conditions = of(csr);
        List<CertificateSigningRequestCondition> before = ofType(old, type);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).getType())) {
                at.add(i);
            }
        }
        if (at.size() != before.size()) {
            return;
        }
        for (int i = 0; i < at.size(); i++) {
            conditions.set(at.get(i), before.get(i));
        }
    }

    /**
     * populateConditionTimestamps: a condition without lastUpdateTime gets now; without
     * lastTransitionTime, the time of a stored condition of the same type and status, or now.
     */
    static void populateTimestamps(CertificateSigningRequest csr, CertificateSigningRequest old, Instant now) {
        String stamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        for (CertificateSigningRequestCondition c : of(csr)) {
            if (isEmpty(c.getLastUpdateTime())) {
                c.setLastUpdateTime(stamp);
            }
            if (isEmpty(c.getLastTransitionTime())) {
                c.setLastTransitionTime(of(old).stream()
                        .filter(o -> o.getType() != null && o.getType().equals(c.getType()) && o.getStatus() != null
                                && o.getStatus().equals(c.getStatus()) && !isEmpty(o.getLastTransitionTime()))
                        .map(CertificateSigningRequestCondition::getLastTransitionTime)
                        .findFirst().orElse(stamp));
            }
        }
    }

    /** extractCSRStatus: what the CONDITION column and kubectl describe show. */
    static String summary(CertificateSigningRequest csr) {
        boolean approved = false;
        boolean denied = false;
        boolean failed = false;
        for (CertificateSigningRequestCondition c : of(csr)) {
            approved |= APPROVED.equals(c.getType());
            denied |= DENIED.equals(c.getType());
            failed |= FAILED.equals(c.getType());
        }
        String status = denied ? "Denied" : approved ? "Approved" : "Pending";
        if (failed) {
            status += ",Failed";
        }
        if (csr.getStatus() != null && !isEmpty(csr.getStatus().getCertificate())) {
            status += ",Issued";
        }
        return status;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
