package io.jk8s.reconcilers.serviceaccount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Signs the tokens of {@code kubernetes.io/service-account-token} Secrets as kube-controller-manager
 * does with its --service-account-private-key-file: RS256 with the API server's key (its
 * {@code pki/sa.key}), issuer {@code kubernetes/serviceaccount}, no audience and no expiry, and the
 * legacy private claims (pkg/serviceaccount/legacy.go). The header's key id is kube's (unpadded
 * base64url SHA-256 of the public key's DER), so the API server's key set names the key.
 */
public final class LegacyTokenGenerator {

    static final String LEGACY_ISSUER = "kubernetes/serviceaccount";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Path file;
    private RSAPrivateCrtKey key;
    private String keyId;

    /**
     * Signs with the key in {@code file}, a PEM RSA key (PKCS#8 as the API server writes it, or PKCS#1 as kubeadm's),
     * read on first use: a server on its first start may still be writing it when its controllers start.
     */
    public LegacyTokenGenerator(Path file) {
        this.file = file;
    }

    private synchronized void load() throws IOException {
        if (key != null) {
            return;
        }
        Object pem;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            pem = new PEMParser(reader).readObject();
        }
        PrivateKeyInfo info = pem instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : pem instanceof PrivateKeyInfo i ? i : null;
        if (info == null || !(new JcaPEMKeyConverter().getPrivateKey(info) instanceof RSAPrivateCrtKey rsaKey)) {
            throw new IOException(file + " holds no PEM RSA private key");
        }
        try {
            byte[] publicDer = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsaKey.getModulus(), rsaKey.getPublicExponent())).getEncoded();
            this.keyId = BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(publicDer));
            this.key = rsaKey;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold a usable RSA key: " + e.getMessage(), e);
        }
    }

    /** LegacyClaims: the subject and the four kubernetes.io/serviceaccount/ claims, keys sorted as go-jose writes them. */
    public String generate(ServiceAccount serviceAccount, Secret secret) {
        try {
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account key " + file, e);
        }
        String namespace = serviceAccount.getMetadata().getNamespace();
        Map<String, Object> claims = new TreeMap<>();
        claims.put("iss", LEGACY_ISSUER);
        claims.put("sub", "system:serviceaccount:" + namespace + ":" + serviceAccount.getMetadata().getName());
        claims.put("kubernetes.io/serviceaccount/namespace", namespace);
        claims.put("kubernetes.io/serviceaccount/secret.name", secret.getMetadata().getName());
        claims.put("kubernetes.io/serviceaccount/service-account.name", serviceAccount.getMetadata().getName());
        claims.put("kubernetes.io/serviceaccount/service-account.uid", serviceAccount.getMetadata().getUid());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("kid", keyId);
        try {
            String input = BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a service account token", e);
        }
    }
}
