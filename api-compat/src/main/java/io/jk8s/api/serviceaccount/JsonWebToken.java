package io.jk8s.api.serviceaccount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A JWS in compact serialization (RFC 7515), signed RS256, as go-jose writes kube's tokens: the
 * header {@code {"alg":"RS256","kid":...}} and the claims as one JSON object with its keys in
 * sorted order (go-jose merges the public and private claims into a map before encoding).
 */
public record JsonWebToken(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** {@code claims} signed with {@code key}: header.payload.signature, each unpadded base64url. */
    public static String sign(SigningKey key, Map<String, Object> claims) {
        try {
            ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("kid", key.keyId());
            String input = ENCODER.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
            byte[] signature = key.sign(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + ENCODER.encodeToString(signature);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode token claims", e);
        }
    }

    /**
     * The token's parts, not yet verified; empty when {@code token} is not a compact JWS with JSON
     * header and claims (kube's authenticator then says the token is not one of its own).
     */
    public static Optional<JsonWebToken> parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(DECODER.decode(parts[0]));
            JsonNode claims = JSON.readTree(DECODER.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new JsonWebToken(header, claims,
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), DECODER.decode(parts[2])));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    public boolean verifiedBy(SigningKey key) {
        return "RS256".equals(header.path("alg").asText()) && key.verify(signingInput, signature);
    }

    static String base64Url(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }
}
