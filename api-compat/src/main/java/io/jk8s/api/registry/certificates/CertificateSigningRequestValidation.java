package io.jk8s.api.registry.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.jk8s.api.errors.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * pkg/apis/certificates/validation: the request parses and is self-signed, usages are known and
 * unique, the signer name is well formed, conditions are consistent, and updates through each path
 * change only what that path may. Tolerances for bad data already stored (the allow* options
 * upstream derives from the old object) are kept, so an old object can still be updated.
 */
final class CertificateSigningRequestValidation {

    static final String LEGACY_UNKNOWN_SIGNER = "kubernetes.io/legacy-unknown";
    private static final List<String> TRUE_ONLY_CONDITIONS = List.of(CsrConditions.APPROVED, CsrConditions.DENIED, CsrConditions.FAILED);
    private static final List<String> TRUE_ONLY = List.of("True");
    private static final List<String> ALL_STATUSES = List.of("False", "True", "Unknown");

    /** What a write path may do (certificateValidationOptions). */
    record Options(boolean allowSettingApprovalConditions, boolean allowSettingCertificate, boolean allowBothApprovedAndDenied,
                   boolean allowLegacySignerName, boolean allowDuplicateConditionTypes, boolean allowEmptyConditionType,
                   boolean allowArbitraryCertificate, boolean allowUnknownUsages, boolean allowDuplicateUsages) {

        /** getValidationOptions: only what the stored object already got away with is tolerated. */
        static Options of(CertificateSigningRequest csr, CertificateSigningRequest old) {
            if (old == null) {
                return new Options(false, false, false, false, false, false, false, false, false);
            }
            List<CertificateSigningRequestCondition> conditions = CsrConditions.of(old);
            List<String> types = conditions.stream().map(CertificateSigningRequestCondition::getType).toList();
            List<String> usages = CsrSpec.usages(old);
            boolean sameCertificate = Arrays.equals(CsrSpec.certificate(csr), CsrSpec.certificate(old));
            return new Options(false, false,
                    types.contains(CsrConditions.APPROVED) && types.contains(CsrConditions.DENIED),
                    LEGACY_UNKNOWN_SIGNER.equals(CsrSpec.spec(old).getSignerName()),
                    new HashSet<>(types).size() != types.size(),
                    types.stream().anyMatch(t -> t == null || t.isEmpty()),
                    sameCertificate || CertificateRequests.certificateProblem(CsrSpec.certificate(old)).isPresent(),
                    usages.stream().anyMatch(u -> !KeyUsages.ALL.contains(u)),
                    new HashSet<>(usages).size() != usages.size());
        }

        Options settingApprovalConditions() {
            return new Options(true, allowSettingCertificate, allowBothApprovedAndDenied, allowLegacySignerName,
                    allowDuplicateConditionTypes, allowEmptyConditionType, allowArbitraryCertificate, allowUnknownUsages,
                    allowDuplicateUsages);
        }

        Options settingCertificate() {
            return new Options(allowSettingApprovalConditions, true, allowBothApprovedAndDenied, allowLegacySignerName,
                    allowDuplicateConditionTypes, allowEmptyConditionType, allowArbitraryCertificate, allowUnknownUsages,
                    allowDuplicateUsages);
        }
    }

    private CertificateSigningRequestValidation() {}

    static List<FieldError> validate(CertificateSigningRequest csr, Options opts) {
        List<FieldError> errors = new ArrayList<>();
        byte[] request = CsrSpec.request(csr);
        CertificateRequests.problem(request)
                .ifPresent(problem -> errors.add(FieldError.invalidRaw("spec.request",
                        CsrSpec.spec(csr).getRequest() == null ? "[]byte(nil)" : GoBytes.format(request), problem)));
        List<String> usages = CsrSpec.usages(csr);
        if (usages.isEmpty()) {
            errors.add(FieldError.required("spec.usages", ""));
        }
        if (!opts.allowUnknownUsages()) {
            for (int i = 0; i < usages.size(); i++) {
                if (!KeyUsages.ALL.contains(usages.get(i))) {
                    errors.add(FieldError.notSupported("spec.usages[" + i + "]", usages.get(i), KeyUsages.ALL));
                }
            }
        }
        if (!opts.allowDuplicateUsages()) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < usages.size(); i++) {
                if (!seen.add(usages.get(i))) {
                    errors.add(FieldError.duplicate("spec.usages[" + i + "]", usages.get(i)));
                }
            }
        }
        String signerName = CsrSpec.spec(csr).getSignerName();
        if (!opts.allowLegacySignerName() && LEGACY_UNKNOWN_SIGNER.equals(signerName)) {
            errors.add(FieldError.invalid("spec.signerName", signerName, "the legacy signerName is not allowed via this API version"));
        } else {
            errors.addAll(SignerNames.validate("spec.signerName", signerName));
        }
        Integer expirationSeconds = CsrSpec.spec(csr).getExpirationSeconds();
        if (expirationSeconds != null && expirationSeconds < 600) {
            errors.add(FieldError.invalid("spec.expirationSeconds", expirationSeconds,
                    "may not specify a duration less than 600 seconds (10 minutes)"));
        }
        errors.addAll(validateConditions(CsrConditions.of(csr), opts));
        if (!opts.allowArbitraryCertificate()) {
            CertificateRequests.certificateProblem(CsrSpec.certificate(csr))
                    .ifPresent(problem -> errors.add(FieldError.invalid("status.certificate", "<certificate data>", problem)));
        }
        return errors;
    }

    private static List<FieldError> validateConditions(List<CertificateSigningRequestCondition> conditions, Options opts) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seenTypes = new HashSet<>();
        boolean approved = false;
        boolean denied = false;
        for (int i = 0; i < conditions.size(); i++) {
            String at = "status.conditions[" + i + "]";
            CertificateSigningRequestCondition c = conditions.get(i);
            String type = Objects.requireNonNullElse(c.getType(), "");
            if (!opts.allowEmptyConditionType() && type.isEmpty()) {
                errors.add(FieldError.required(at + ".type", ""));
            }
            List<String> allowed = TRUE_ONLY_CONDITIONS.contains(type) ? TRUE_ONLY : ALL_STATUSES;
            if (c.getStatus() == null || c.getStatus().isEmpty()) {
                errors.add(FieldError.required(at + ".status", ""));
            } else if (!allowed.contains(c.getStatus())) {
                errors.add(FieldError.notSupported(at + ".status", c.getStatus(), allowed));
            }
            if (!opts.allowBothApprovedAndDenied()) {
                if (type.equals(CsrConditions.APPROVED)) {
                    approved = true;
                    if (denied) {
                        errors.add(FieldError.invalid(at + ".type", type, "Approved and Denied conditions are mutually exclusive"));
                    }
                } else if (type.equals(CsrConditions.DENIED)) {
                    denied = true;
                    if (approved) {
                        errors.add(FieldError.invalid(at + ".type", type, "Approved and Denied conditions are mutually exclusive"));
                    }
                }
            }
            if (!opts.allowDuplicateConditionTypes() && !seenTypes.add(type)) {
                errors.add(FieldError.duplicate(at + ".type", type));
            }
        }
        return errors;
    }

    /** validateCertificateSigningRequestUpdate: what no update may do, and what only some paths may. */
    static List<FieldError> validateUpdate(CertificateSigningRequest csr, CertificateSigningRequest old, Options opts) {
        List<FieldError> errors = validate(csr, opts);
        for (String type : TRUE_ONLY_CONDITIONS) {
            if (CsrConditions.ofType(csr, type).size() < CsrConditions.ofType(old, type).size()) {
                errors.add(FieldError.forbidden("status.conditions", "updates may not remove a condition of type \"" + type + "\""));
            }
        }
        if (!opts.allowSettingApprovalConditions()) {
            for (String type : List.of(CsrConditions.APPROVED, CsrConditions.DENIED)) {
                List<CertificateSigningRequestCondition> before = CsrConditions.ofType(old, type);
                List<CertificateSigningRequestCondition> after = CsrConditions.ofType(csr, type);
                if (after.size() > before.size()) {
                    errors.add(FieldError.forbidden("status.conditions", "updates may not add a condition of type \"" + type + "\""));
                } else if (after.size() == before.size() && !after.equals(before)) {
                    // upstream appends a cmp.Diff of the two, whose layout is deliberately unstable
                    errors.add(FieldError.forbidden("status.conditions", "updates may not modify a condition of type \"" + type + "\"\n"));
                }
            }
        }
        byte[] certificate = CsrSpec.certificate(csr);
        byte[] oldCertificate = CsrSpec.certificate(old);
        if (!Arrays.equals(certificate, oldCertificate)) {
            if (!opts.allowSettingCertificate()) {
                errors.add(FieldError.forbidden("status.certificate", "updates may not set certificate content"));
            } else if (oldCertificate.length > 0) {
                errors.add(FieldError.forbidden("status.certificate", "updates may not modify existing certificate content"));
            }
        }
        return errors;
    }
}
