package io.jk8s.reconcilers.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PermissiveSigningPolicy as kube's authority applies it, and the kubernetes.io signers' rules. */
class CertificateAuthorityTest {

    @TempDir
    Path dir;

    @Test
    void signsWithTheRequestsSubjectNamesAndUsagesWithinTheCasLifetime() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        CertificateAuthority ca = ca(now.plus(Duration.ofDays(2)));
        PKCS10CertificationRequest request = request("CN=system:node:worker,O=system:nodes", new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "worker"), new GeneralName(GeneralName.iPAddress, "10.0.0.7")}));

        X509Certificate served = parse(ca.sign(request, List.of("server auth", "key encipherment", "digital signature"),
                Duration.ofHours(24), now));
        assertEquals(Date.from(now.minus(Duration.ofMinutes(5))), served.getNotBefore());
        assertEquals(Date.from(now.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(5))), served.getNotAfter());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), served.getExtendedKeyUsage());
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false, false}, served.getKeyUsage());
        assertEquals(2, served.getSubjectAlternativeNames().size());
        assertEquals(-1, served.getBasicConstraints());

        // never beyond the CA; extended usages in Go's order whatever the request's
        X509Certificate client = parse(ca.sign(request, List.of("client auth", "server auth"), Duration.ofDays(365), now));
        assertEquals(Date.from(now.plus(Duration.ofDays(2))), client.getNotAfter());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());

        assertEquals("unrecognized usage values: [\"bogus\"]", assertThrows(IllegalArgumentException.class,
                () -> ca.sign(request, List.of("bogus"), Duration.ofHours(1), now)).getMessage());
        assertEquals(Optional.empty(), SignerRules.BY_SIGNER.get(SignerRules.KUBELET_SERVING)
                .violation(request, List.of("digital signature", "server auth")));
        assertEquals(Optional.of("DNS subjectAltNames are not allowed"), SignerRules.BY_SIGNER.get(SignerRules.KUBELET_CLIENT)
                .violation(request, List.of("digital signature", "client auth")));
        assertEquals(Optional.of("usages did not match [digital signature key encipherment server auth]"),
                SignerRules.BY_SIGNER.get(SignerRules.KUBELET_SERVING).violation(request, List.of("server auth")));
        assertEquals(Optional.of("invalid usage for client certificate: server auth"),
                SignerRules.BY_SIGNER.get(SignerRules.KUBE_APISERVER_CLIENT).violation(request, List.of("client auth", "server auth")));
    }

    private CertificateAuthority ca(Instant notAfter) throws Exception {
        KeyPair pair = ecKey();
        X500Name name = new X500Name("CN=kubernetes");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(notAfter.minus(Duration.ofDays(3650))), Date.from(notAfter), name, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        Path cert = dir.resolve("ca.crt");
        Path key = dir.resolve("ca.key");
        write(cert, builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        write(key, new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return CertificateAuthority.load(cert, key);
    }

    private static PKCS10CertificationRequest request(String subject, GeneralNames names) throws Exception {
        KeyPair pair = ecKey();
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, names);
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void write(Path file, Object pem) throws Exception {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pem);
        }
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
