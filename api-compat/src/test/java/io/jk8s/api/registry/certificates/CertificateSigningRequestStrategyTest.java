package io.jk8s.api.registry.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.jk8s.api.errors.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules kube's CSR strategies apply to each write path, with their messages. */
class CertificateSigningRequestStrategyTest {

    private final CertificateSigningRequestStrategy strategy = new CertificateSigningRequestStrategy();

    @Test
    void signerNamesAreCheckedLabelByLabel() {
        assertEquals(List.of("spec.signerName: Required value"), messages(SignerNames.validate("spec.signerName", "")));
        assertEquals(List.of("spec.signerName: Invalid value: \"example\": should be a domain with at least two segments "
                + "separated by dots"), messages(SignerNames.validate("spec.signerName", "example/signer")));
        assertEquals(List.of("spec.signerName: Invalid value: \"Example.com\": validating label \"Example\": a lowercase RFC 1123 "
                        + "label must consist of lower case alphanumeric characters or '-', and must start and end with an "
                        + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
                messages(SignerNames.validate("spec.signerName", "Example.com/signer")));
        assertEquals(List.of(), messages(SignerNames.validate("spec.signerName", "example.com/my-namespace.my-signer")));
    }

    @Test
    void statusMayIssueOnceButNeverApprove() {
        CertificateSigningRequest old = csr();
        CertificateSigningRequest approving = csr();
        approving.getStatus().setConditions(new ArrayList<>(List.of(condition("Approved"))));
        strategy.prepareForStatusUpdate(approving, old);
        assertEquals(List.of("status.conditions: Forbidden: updates may not add a condition of type \"Approved\""),
                messages(strategy.validateStatusUpdate(approving, old)));

        CertificateSigningRequest garbage = csr();
        garbage.getStatus().setCertificate(base64("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        assertEquals(List.of("status.certificate: Invalid value: \"<certificate data>\": only CERTIFICATE PEM blocks are "
                + "allowed, found \"PRIVATE KEY\""), messages(strategy.validateStatusUpdate(garbage, old)));

        // only /status may set the certificate: an update of the object keeps the stored status
        CertificateSigningRequest viaUpdate = csr();
        viaUpdate.getStatus().setCertificate(base64("x"));
        assertEquals(List.of("status.certificate: Invalid value: \"<certificate data>\": must contain at least one CERTIFICATE PEM block",
                "status.certificate: Forbidden: updates may not set certificate content"),
                messages(CertificateSigningRequestValidation.validateUpdate(viaUpdate, old,
                        CertificateSigningRequestValidation.Options.of(viaUpdate, old))));
    }

    @Test
    void approvalMayNotRemoveOrCombineApprovedAndDenied() {
        CertificateSigningRequestApproval approval = new CertificateSigningRequestApproval();
        CertificateSigningRequest denied = csr();
        denied.getStatus().setConditions(new ArrayList<>(List.of(condition("Denied"))));

        CertificateSigningRequest cleared = approval.take(copy(denied), csr());
        assertEquals(List.of("status.conditions: Forbidden: updates may not remove a condition of type \"Denied\""),
                messages(approval.validateUpdate(cleared, denied)));

        CertificateSigningRequest both = csr();
        both.getStatus().setConditions(new ArrayList<>(List.of(condition("Denied"), condition("Approved"))));
        CertificateSigningRequest taken = approval.take(copy(denied), both);
        assertEquals(List.of("status.conditions[1].type: Invalid value: \"Approved\": Approved and Denied conditions are mutually "
                + "exclusive"), messages(approval.validateUpdate(taken, denied)));
        // the server fills the times kubectl leaves out
        assertEquals(20, taken.getStatus().getConditions().get(1).getLastTransitionTime().length());
    }

    @Test
    void conditionColumnSummarisesApprovalFailureAndIssue() {
        CertificateSigningRequest csr = csr();
        assertEquals("Pending", CsrConditions.summary(csr));
        csr.getStatus().setConditions(new ArrayList<>(List.of(condition("Approved"), condition("Failed"))));
        assertEquals("Approved,Failed", CsrConditions.summary(csr));
        csr.getStatus().setConditions(new ArrayList<>(List.of(condition("Denied"))));
        csr.getStatus().setCertificate(base64("x"));
        assertEquals("Denied,Issued", CsrConditions.summary(csr));
    }

    @Test
    void goPrintsBytesAsHex() {
        assertEquals("[]byte{0x68, 0xa, 0xff}", GoBytes.format(new byte[] {0x68, 0x0a, (byte) 0xff}));
        assertEquals("[]byte{}", GoBytes.format(new byte[0]));
    }

    private static CertificateSigningRequest csr() {
        return new CertificateSigningRequestBuilder().withNewMetadata().withName("csr").endMetadata()
                .withNewSpec().withRequest(base64("not a request")).withSignerName("example.com/signer")
                .withUsages("client auth").endSpec().withNewStatus().endStatus().build();
    }

    private static CertificateSigningRequest copy(CertificateSigningRequest csr) {
        return new CertificateSigningRequestBuilder(csr).build();
    }

    private static CertificateSigningRequestCondition condition(String type) {
        CertificateSigningRequestCondition condition = new CertificateSigningRequestCondition();
        condition.setType(type);
        condition.setStatus("True");
        return condition;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The messages other than the request's own (these requests are not real PKCS#10). */
    private static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::message).filter(m -> !m.startsWith("spec.request:")).toList();
    }
}
