package io.jk8s.api.registry.certificates;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.spec.X509EncodedKeySpec;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The checks kube-apiserver makes of the PEM it is given in a CertificateSigningRequest
 * (pkg/apis/certificates/helpers.go ParseCSR, CheckSignature; validation.go validateCertificate),
 * answering Go's error texts. The parsing itself is BouncyCastle's, which the server jar ships anyway.
 */
final class CertificateRequests {

    static final String REQUEST_BLOCK = "CERTIFICATE REQUEST";
    static final String CERTIFICATE_BLOCK = "CERTIFICATE";

    private CertificateRequests() {}

    /** validateCSR: the first PEM block must be a CERTIFICATE REQUEST that parses and is signed by its own key. */
    static Optional<String> problem(byte[] pem) {
        Optional<PemObject> block = firstBlock(new PemReader(reader(pem)));
        if (block.isEmpty() || !block.get().getType().equals(REQUEST_BLOCK)) {
            return Optional.of("PEM block type must be CERTIFICATE REQUEST");
        }
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(block.get().getContent());
        } catch (IOException | RuntimeException e) {
            // Go's encoding/asn1 words each structural error differently; this is crypto/x509's general one
            return Optional.of("x509: malformed certificate request");
        }
        try {
            boolean valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey(request)));
            return valid ? Optional.empty() : Optional.of(verificationFailure(request));
        } catch (OperatorCreationException | PKCSException | GeneralSecurityException | IOException | RuntimeException e) {
            return Optional.of("x509: cannot verify signature: algorithm unimplemented");
        }
    }

    /** The JDK's providers know key algorithms by name, not by the OID a request names them with. */
    private static PublicKey publicKey(PKCS10CertificationRequest request) throws GeneralSecurityException, IOException {
        var algorithm = request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm();
        String name = algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
                : algorithm.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519"
                : algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : algorithm.getId();
        return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
    }

    /** crypto/x509's CheckSignature failures, which depend on the key's algorithm. */
    private static String verificationFailure(PKCS10CertificationRequest request) {
        var algorithm = request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "x509: ECDSA verification failure";
        } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "x509: Ed25519 verification failure";
        } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "crypto/rsa: verification error";
        }
        return "x509: cannot verify signature: algorithm unimplemented";
    }

    /**
     * validateCertificate (status.certificate): empty, or only CERTIFICATE blocks without headers,
     * each holding a certificate.
     */
    static Optional<String> certificateProblem(byte[] pem) {
        if (pem.length == 0) {
            return Optional.empty();
        }
        PemReader reader = new PemReader(reader(pem));
        int blocks = 0;
        for (Optional<PemObject> block = firstBlock(reader); block.isPresent(); block = firstBlock(reader)) {
            if (!block.get().getType().equals(CERTIFICATE_BLOCK)) {
                return Optional.of("only CERTIFICATE PEM blocks are allowed, found \"" + block.get().getType() + "\"");
            }
            if (!block.get().getHeaders().isEmpty()) {
                return Optional.of("no PEM block headers are permitted");
            }
            blocks++;
            try {
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(block.get().getContent()));
            } catch (CertificateException e) {
                return Optional.of("x509: malformed certificate");
            }
        }
        return blocks == 0 ? Optional.of("must contain at least one CERTIFICATE PEM block") : Optional.empty();
    }

    private static Reader reader(byte[] pem) {
        return new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.UTF_8);
    }

    /** The next well-formed block, skipping text around it as Go's pem.Decode does; empty when there is none. */
    private static Optional<PemObject> firstBlock(PemReader reader) {
        try {
            return Optional.ofNullable(reader.readPemObject());
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
