package io.jk8s.api.serviceaccount;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The service-account signing key (kube-apiserver's --service-account-signing-key-file, kubeadm's
 * {@code pki/sa.key} beside {@code sa.pub}): an RSA key that signs tokens RS256, and its key id as
 * kube derives it (pkg/serviceaccount/jwt.go keyIDFromPublicKey: the unpadded base64url SHA-256 of
 * the public key's PKIX DER), which goes into each token's header and the published key set.
 */
public final class SigningKey {

    /** kubeadm's size for sa.key. */
    private static final int BITS = 2048;

    private final KeyPair pair;
    private final String keyId;

    private SigningKey(KeyPair pair) {
        this.pair = pair;
        this.keyId = keyIdOf((RSAPublicKey) pair.getPublic());
    }

    /** A key that lives as long as the process (servers started without a data directory, such as tests). */
    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            return new SigningKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /**
     * The key in {@code file} (PEM, PKCS#8 or PKCS#1), made there as PKCS#8 when missing: tokens signed before a
     * restart must still verify after it. {@code sa.pub} is written beside it, as kubeadm does.
     */
    public static SigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new SigningKey(read(file));
            }
            SigningKey key = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeAtomically(file, pem("PRIVATE KEY", key.pair.getPrivate().getEncoded()), true);
            writeAtomically(file.resolveSibling(publicFileName(file)), pem("PUBLIC KEY", key.pair.getPublic().getEncoded()), false);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the service account key " + file, e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    public byte[] sign(byte[] input) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(pair.getPrivate());
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the service account key", e);
        }
    }

    public boolean verify(byte[] input, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(pair.getPublic());
            signature.update(input);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String keyIdOf(RSAPublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM RSA key, PKCS#8 ("PRIVATE KEY", as written here) or PKCS#1 ("RSA PRIVATE KEY", as kubeadm writes sa.key). */
    private static KeyPair read(Path file) throws IOException {
        Object pem;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            pem = new PEMParser(reader).readObject();
        }
        PrivateKeyInfo info = pem instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : pem instanceof PrivateKeyInfo i ? i : null;
        if (info == null || !(new JcaPEMKeyConverter().getPrivateKey(info) instanceof RSAPrivateCrtKey privateKey)) {
            throw new IOException(file + " holds no PEM RSA private key");
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold a usable RSA key: " + e.getMessage(), e);
        }
    }

    private static String publicFileName(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".key") ? name.substring(0, name.length() - 4) : name) + ".pub";
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Written whole or not at all: a crash mid-write must not leave a key that cannot be read. */
    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's ACL applies
        }
        try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
