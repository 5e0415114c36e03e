package io.jk8s.api.registry.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.SubresourceUpdate;
import io.jk8s.api.registry.authentication.RequestUser;
import io.jk8s.api.table.HumanDuration;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CertificateSigningRequests (pkg/registry/certificates/certificates/strategy.go): the requester is
 * recorded from the request's user, a new request starts unapproved, and the spec never changes
 * after create (an update silently keeps it). /status may set the certificate but not approval;
 * /approval ({@link CertificateSigningRequestApproval}) only the conditions.
 */
public final class CertificateSigningRequestStrategy implements Strategy<CertificateSigningRequest> {

    private final CertificateSigningRequestApproval approval = new CertificateSigningRequestApproval();

    /** ValidateCertificateRequestName: "We don't care what you call your certificate requests." */
    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    /** PrepareForCreate: whatever the body says, the requester is the request's user, and nothing is approved yet. */
    @Override
    public void prepareForCreate(CertificateSigningRequest csr) {
        CertificateSigningRequestSpec spec = CsrSpec.spec(csr);
        RequestUser user = RequestUser.current();
        spec.setUsername(user.name());
        spec.setUid(user.uid().isEmpty() ? null : user.uid());
        spec.setGroups(new ArrayList<>(user.groups()));
        spec.setExtra(user.extra().isEmpty() ? null : new java.util.TreeMap<>(user.extra()));
        csr.setSpec(spec);
        csr.setStatus(new CertificateSigningRequestStatus());
    }

    /** PrepareForUpdate: "Certificate requests are immutable after creation except via subresources." */
    @Override
    public void prepareForUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        csr.setSpec(old.getSpec());
    }

    /** csrStatusStrategy: the spec and the Approved/Denied conditions stay as stored; new conditions get their times. */
    @Override
    public void prepareForStatusUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        csr.setSpec(old.getSpec());
        CsrConditions.preserve(csr, old, CsrConditions.APPROVED);
        CsrConditions.preserve(csr, old, CsrConditions.DENIED);
        CsrConditions.populateTimestamps(csr, old, Instant.now());
    }

    @Override
    public List<FieldError> validate(CertificateSigningRequest csr) {
        return CertificateSigningRequestValidation.validate(csr, CertificateSigningRequestValidation.Options.of(csr, null));
    }

    @Override
    public List<FieldError> validateUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        return CertificateSigningRequestValidation.validateUpdate(csr, old,
                CertificateSigningRequestValidation.Options.of(csr, old));
    }

    /** ValidateCertificateSigningRequestStatusUpdate: the one path that may set status.certificate. */
    @Override
    public List<FieldError> validateStatusUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        return CertificateSigningRequestValidation.validateUpdate(csr, old,
                CertificateSigningRequestValidation.Options.of(csr, old).settingCertificate());
    }

    @Override
    public Optional<SubresourceUpdate<CertificateSigningRequest>> subresourceUpdate(String subresource) {
        return subresource.equals(CertificateSigningRequestApproval.SUBRESOURCE.name()) ? Optional.of(approval) : Optional.empty();
    }

    /** printers.go printCertificateSigningRequest (column descriptions abridged to their first sentence). */
    @Override
    public List<TableColumn<CertificateSigningRequest>> tableColumns() {
        return List.of(StandardColumns.name(), StandardColumns.age(),
                TableColumn.of("SignerName", "string", "signerName indicates the requested signer, and is a qualified name.",
                        (csr, now) -> orNone(CsrSpec.spec(csr).getSignerName())),
                TableColumn.of("Requestor", "string", "request contains an x509 certificate signing request encoded in a "
                        + "\"CERTIFICATE REQUEST\" PEM block. When serialized as JSON or YAML, the data is additionally base64-encoded.",
                        (csr, now) -> CsrSpec.spec(csr).getUsername() == null ? "" : CsrSpec.spec(csr).getUsername()),
                TableColumn.of("RequestedDuration", "string", "expirationSeconds is the requested duration of validity of the "
                        + "issued certificate.", (csr, now) -> requestedDuration(csr)),
                TableColumn.of("Condition", "string",
                        "conditions applied to the request. Known conditions are \"Approved\", \"Denied\", and \"Failed\".",
                        (csr, now) -> CsrConditions.summary(csr)));
    }

    private static String requestedDuration(CertificateSigningRequest csr) {
        Integer seconds = CsrSpec.spec(csr).getExpirationSeconds();
        return seconds == null ? "<none>" : HumanDuration.format(Duration.ofSeconds(seconds));
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "<none>" : value;
    }

    /** SelectableFields: kubelets list their CSRs by signer. */
    @Override
    public Map<String, Function<CertificateSigningRequest, String>> fieldLabels() {
        return Map.of("spec.signerName", csr -> CsrSpec.spec(csr).getSignerName() == null ? "" : CsrSpec.spec(csr).getSignerName());
    }
}
