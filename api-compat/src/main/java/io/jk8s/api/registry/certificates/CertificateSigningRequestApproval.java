package io.jk8s.api.registry.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.registry.SubresourceUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * certificatesigningrequests/approval (csrApprovalStrategy): what {@code kubectl certificate
 * approve|deny} PUTs. Only status.conditions are taken from the request; validation then lets
 * Approved and Denied change but not be removed, nor both be set.
 */
public final class CertificateSigningRequestApproval implements SubresourceUpdate<CertificateSigningRequest> {

    public static final Subresource SUBRESOURCE = new Subresource("approval", "certificates.k8s.io", "v1", "CertificateSigningRequest",
            List.of("get", "patch", "update"));

    @Override
    public CertificateSigningRequest take(CertificateSigningRequest current, CertificateSigningRequest requested) {
        // populateConditionTimestamps compares with the stored object, which current still is
        CsrConditions.populateTimestamps(requested, current, Instant.now());
        List<CertificateSigningRequestCondition> conditions = CsrConditions.of(requested);
        if (current.getStatus() == null) {
            current.setStatus(new CertificateSigningRequestStatus());
        }
        current.getStatus().setConditions(conditions.isEmpty() ? null : new ArrayList<>(conditions));
        return current;
    }

    @Override
    public List<FieldError> validateUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        return CertificateSigningRequestValidation.validateUpdate(csr, old,
                CertificateSigningRequestValidation.Options.of(csr, old).settingApprovalConditions());
    }
}
