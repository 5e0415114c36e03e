package io.jk8s.api.serviceaccount;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Who signs service-account tokens and how relying parties check them: the issuer URL (kube-apiserver's
 * --service-account-issuer; kubeadm's default, which is also what in-cluster clients expect), the API
 * audiences (--api-audiences, which default to the issuer), the signing key, and the OpenID
 * discovery documents built from them (pkg/serviceaccount/openidmetadata.go).
 */
public final class ServiceAccountIssuer {

    public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";
    /** Where kube serves the key set (serviceaccount.JWKSPath). */
    public static final String JWKS_PATH = "/openid/v1/jwks";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final List<String> apiAudiences;
    private final Supplier<SigningKey> key;

    private ServiceAccountIssuer(String issuer, Supplier<SigningKey> key) {
        this.issuer = issuer;
        this.apiAudiences = List.of(issuer);
        this.key = key;
    }

    /**
     * Signs with the key kept in {@code keyFile}. An existing key is read at once, so a damaged one
     * stops the start; a new one is made on another thread (generating an RSA key takes 0.2-1.4 s
     * here), so the first start does not wait for it, only the first request that needs it does.
     */
    public static ServiceAccountIssuer withKeyFile(Path keyFile) {
        if (Files.exists(keyFile)) {
            SigningKey key = SigningKey.loadOrCreate(keyFile);
            return new ServiceAccountIssuer(DEFAULT_ISSUER, () -> key);
        }
        CompletableFuture<SigningKey> created = CompletableFuture.supplyAsync(() -> SigningKey.loadOrCreate(keyFile));
        return new ServiceAccountIssuer(DEFAULT_ISSUER, created::join);
    }

    /**
     * Signs with a key made on first use and forgotten at exit, for servers without a data directory
     * (tests): generating an RSA key takes a noticeable fraction of a second, which most never need.
     */
    public static ServiceAccountIssuer ephemeral() {
        return new ServiceAccountIssuer(DEFAULT_ISSUER, new Supplier<>() {
            private SigningKey generated;

            @Override
            public synchronized SigningKey get() {
                if (generated == null) {
                    generated = SigningKey.generate();
                }
                return generated;
            }
        });
    }

    public String issuer() {
        return issuer;
    }

    public List<String> apiAudiences() {
        return apiAudiences;
    }

    public SigningKey key() {
        return key.get();
    }

    public String sign(Map<String, Object> claims) {
        return JsonWebToken.sign(key(), claims);
    }

    /** The OIDC discovery document, in openIDMetadata's field order. */
    public byte[] openIdConfiguration(String jwksUri) {
        ObjectNode config = JSON.createObjectNode();
        config.put("issuer", issuer);
        config.put("jwks_uri", jwksUri);
        config.putArray("response_types_supported").add("id_token");
        config.putArray("subject_types_supported").add("public");
        config.putArray("id_token_signing_alg_values_supported").add("RS256");
        return write(config);
    }

    /** The JSON Web Key Set with the one public key, in go-jose's field order. */
    public byte[] keySet() {
        RSAPublicKey publicKey = key().publicKey();
        ObjectNode jwk = JSON.createObjectNode();
        jwk.put("use", "sig");
        jwk.put("kty", "RSA");
        jwk.put("kid", key().keyId());
        jwk.put("alg", "RS256");
        jwk.put("n", JsonWebToken.base64Url(unsigned(publicKey.getModulus())));
        jwk.put("e", JsonWebToken.base64Url(unsigned(publicKey.getPublicExponent())));
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys").add(jwk);
        return write(set);
    }

    /** RFC 7518's base64urlUInt: big-endian without a sign byte. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
