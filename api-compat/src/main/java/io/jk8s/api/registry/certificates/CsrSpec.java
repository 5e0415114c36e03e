package io.jk8s.api.registry.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import io.jk8s.api.errors.StatusErrors;
import java.util.Base64;
import java.util.List;

/**
 * A CSR's byte fields ({@code spec.request}, {@code status.certificate}) are Go {@code []byte},
 * base64 in JSON; the model keeps the base64 text. These read them as the bytes validation sees.
 */
final class CsrSpec {

    private CsrSpec() {}

    static CertificateSigningRequestSpec spec(CertificateSigningRequest csr) {
        return csr.getSpec() == null ? new CertificateSigningRequestSpec() : csr.getSpec();
    }

    static byte[] request(CertificateSigningRequest csr) {
        return decode(spec(csr).getRequest());
    }

    static byte[] certificate(CertificateSigningRequest csr) {
        return csr.getStatus() == null ? new byte[0] : decode(csr.getStatus().getCertificate());
    }

    static List<String> usages(CertificateSigningRequest csr) {
        return spec(csr).getUsages() == null ? List.of() : spec(csr).getUsages();
    }

    private static byte[] decode(String base64) {
        if (base64 == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // what decoding the body into Go's []byte answers
            throw StatusErrors.badRequest("CertificateSigningRequest in version \"v1\" cannot be handled as a "
                    + "CertificateSigningRequest: illegal base64 data at input byte " + firstIllegal(base64));
        }
    }

    private static int firstIllegal(String base64) {
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '/' && c != '=') {
                return i;
            }
        }
        return base64.length();
    }
}
