package io.jk8s.server;

import io.jk8s.reconcilers.certificates.CertificateAuthority;
import io.jk8s.reconcilers.certificates.ClusterSigning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * kubeadm's certs phase for the HTTPS port: the serving certificate ({@code pki/apiserver.crt})
 * for every name a client may dial (loopback, the {@code kubernetes} Service's IP and DNS names)
 * and the administrator's client certificate ({@code pki/admin.crt}: CN kubernetes-admin in
 * system:masters, as kubeadm's admin.conf), both signed by the cluster CA, made once and kept.
 */
final class ApiServerCertificates {

    static final String SERVING_CERT = "apiserver.crt";
    static final String SERVING_KEY = "apiserver.key";
    static final String ADMIN_CERT = "admin.crt";
    static final String ADMIN_KEY = "admin.key";
    /** kubeadm's lifetime for the certificates it signs with its CA. */
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final List<String> SERVING_NAMES = List.of("localhost", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");
    /** Loopback, and the default/kubernetes Service's cluster IP. */
    private static final List<String> SERVING_IPS = List.of("127.0.0.1", "10.96.0.1");

    private ApiServerCertificates() {}

    /** Creates the serving and admin certificates in {@code pkiDir} (beside the cluster CA) where missing. */
    static void ensure(Path pkiDir) {
        CertificateAuthority ca = null;
        for (Issued issued : List.of(
                new Issued(SERVING_CERT, SERVING_KEY, "CN=kube-apiserver", true, List.of("digital signature", "key encipherment", "server auth")),
                new Issued(ADMIN_CERT, ADMIN_KEY, "O=system:masters,CN=kubernetes-admin", false,
                        List.of("digital signature", "key encipherment", "client auth")))) {
            Path cert = pkiDir.resolve(issued.certFile());
            Path key = pkiDir.resolve(issued.keyFile());
            if (Files.exists(cert) && Files.exists(key)) {
                continue;
            }
            if (ca == null) {
                ClusterSigning signing = ClusterCertificateAuthority.files(pkiDir);
                ca = CertificateAuthority.load(signing.certFile(), signing.keyFile());
            }
            issue(ca, issued, cert, key);
        }
    }

    private record Issued(String certFile, String keyFile, String subject, boolean serving, List<String> usages) {}

    private static void issue(CertificateAuthority ca, Issued issued, Path cert, Path key) {
        try {
            // RSA in PKCS#1 PEM, as kubeadm's: every client reads it (fabric8 without Bouncy Castle reads no EC key)
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            JcaPKCS10CertificationRequestBuilder request = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name(issued.subject()), pair.getPublic());
            if (issued.serving()) {
                GeneralName[] names = new GeneralName[SERVING_NAMES.size() + SERVING_IPS.size()];
                int i = 0;
                for (String dns : SERVING_NAMES) {
                    names[i++] = new GeneralName(GeneralName.dNSName, dns);
                }
                for (String ip : SERVING_IPS) {
                    names[i++] = new GeneralName(GeneralName.iPAddress, ip);
                }
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                request.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            PKCS10CertificationRequest csr = request.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            String pem = ca.sign(csr, issued.usages(), VALIDITY, Instant.now());
            // the key first and the certificate last, as the CA's: a crash leaves no certificate without its key
            ClusterCertificateAuthority.write(key, pair.getPrivate(), true);
            ClusterCertificateAuthority.write(cert, pem, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + cert, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + cert, e);
        }
    }
}
