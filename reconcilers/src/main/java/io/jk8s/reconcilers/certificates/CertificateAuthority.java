package io.jk8s.reconcilers.certificates;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The cluster CA that signs approved requests (pkg/controller/certificates/authority): read from
 * kube-controller-manager's --cluster-signing-cert-file / --cluster-signing-key-file, and applying
 * PermissiveSigningPolicy: the request's subject, key and subject alternative names, the requested
 * usages, no other extensions, not a CA, backdated 5 minutes, never outliving the CA.
 */
public final class CertificateAuthority {

    private static final Duration BACKDATE = Duration.ofMinutes(5);
    /** Certificates shorter than this keep their full length after backdating (5 minutes is about 1% of 8 hours). */
    private static final Duration SHORT = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509CertificateHolder certificate;
    private final PrivateKey key;

    private CertificateAuthority(X509CertificateHolder certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The first certificate of {@code certFile} and the key of {@code keyFile} (PKCS#1, SEC1 or PKCS#8 PEM). */
    public static CertificateAuthority load(Path certFile, Path keyFile) {
        try (Reader certs = Files.newBufferedReader(certFile, StandardCharsets.UTF_8);
             Reader keys = Files.newBufferedReader(keyFile, StandardCharsets.UTF_8)) {
            if (!(new PEMParser(certs).readObject() instanceof X509CertificateHolder certificate)) {
                throw new IllegalArgumentException(certFile + " holds no PEM certificate");
            }
            Object keyObject = new PEMParser(keys).readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key;
            if (keyObject instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (keyObject instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IllegalArgumentException(keyFile + " holds no PEM private key");
            }
            return new CertificateAuthority(certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster signing CA", e);
        }
    }

    /**
     * Signs {@code request} for {@code ttl} from {@code now}; answers the PEM certificate. Fails
     * with the policy's error when the CA has expired or a usage is unknown.
     */
    public String sign(PKCS10CertificationRequest request, List<String> usages, Duration ttl, Instant now) {
        KeyUsages.Resolved resolved = KeyUsages.resolve(usages);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = ttl.compareTo(SHORT) < 0 ? now.plus(ttl) : now.plus(ttl).minus(BACKDATE);
        if (!notAfter.isBefore(caNotAfter)) {
            notAfter = caNotAfter;
        }
        if (!notBefore.isBefore(caNotAfter)) {
            throw new IllegalStateException("the signer has expired: NotAfter=" + caNotAfter);
        }
        if (!now.isBefore(caNotAfter)) {
            throw new IllegalStateException("refusing to sign a certificate that expired in the past: NotAfter=" + caNotAfter);
        }
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(certificate.getSubject(),
                    new BigInteger(128, RANDOM), Date.from(notBefore), Date.from(notAfter), request.getSubject(),
                    request.getSubjectPublicKeyInfo());
            if (resolved.keyUsage() != null) {
                builder.addExtension(Extension.keyUsage, true, resolved.keyUsage());
            }
            if (resolved.extendedKeyUsage() != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, resolved.extendedKeyUsage());
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            SubjectKeyIdentifier caKeyId = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
            if (caKeyId != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(caKeyId.getKeyIdentifier()));
            }
            Extension names = SigningRequests.requestedExtensions(request)
                    .map(e -> e.getExtension(Extension.subjectAlternativeName)).orElse(null);
            if (names != null) {
                builder.addExtension(names);
            }
            X509CertificateHolder signed = builder.build(new JcaContentSignerBuilder(signatureAlgorithm()).build(key));
            return pem(signed);
        } catch (CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("failed to sign certificate: " + e.getMessage(), e);
        }
    }

    private String signatureAlgorithm() {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> "SHA256withRSA";
        };
    }

    private static String pem(X509CertificateHolder certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
