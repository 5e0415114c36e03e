package io.jk8s.server;

import io.jk8s.reconcilers.certificates.ClusterSigning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The cluster CA the csrsigning controller signs with, made once and kept in the data directory
 * under kubeadm's names ({@code pki/ca.crt}, {@code pki/ca.key}), so a restarted server issues
 * certificates that chain to the same root. Like kubeadm's: CN {@code kubernetes}, ten years, a CA
 * that may sign certificates; an ECDSA P-256 key (as k3s' CAs), written as PKCS#8.
 */
final class ClusterCertificateAuthority {

    static final String CERT_FILE = "ca.crt";
    static final String KEY_FILE = "ca.key";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private ClusterCertificateAuthority() {}

    /** The CA files of {@code pkiDir}, as the csrsigning controller is given them. */
    static ClusterSigning files(Path pkiDir) {
        return new ClusterSigning(pkiDir.resolve(CERT_FILE), pkiDir.resolve(KEY_FILE));
    }

    /** Creates the CA files in {@code pkiDir} when either is missing. */
    static void ensure(Path pkiDir) {
        Path cert = pkiDir.resolve(CERT_FILE);
        Path key = pkiDir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return;
        }
        try {
            Files.createDirectories(pkiDir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=kubernetes");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(63, new SecureRandom()),
                    Date.from(now), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            X509CertificateHolder certificate = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            // the key first and the certificate last, each through a temporary file: a crash leaves no half-made CA in use
            write(key, new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            write(cert, certificate, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster CA in " + pkiDir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the cluster CA", e);
        }
    }

    static void write(Path file, Object pem, boolean secret) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pem);
        }
        write(file, text.toString(), secret);
    }

    /** Writes through a temporary file, readable by its owner only when {@code secret}. */
    static void write(Path file, String text, boolean secret) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(partial);
        Files.createFile(partial);
        if (secret && partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(partial, text, StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
