package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Service-account tokens as kube-apiserver serves them: {@code kubectl create token} prints an RS256
 * JWT with kube's claims, a TokenReview authenticates it (and stops doing so once its service account
 * or bound object is gone), the issuer's OpenID documents publish the key that verifies it, the
 * key survives a restart, and the tokens controller fills in legacy service-account-token Secrets.
 */
class ServiceAccountTokensTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none");

    private static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void createTokenPrintsAJwtWithKubesClaimsSignedByThePublishedKey() throws Exception {
        kubectl.run("create", "namespace", "claims").assertSuccess();
        kubectl.run("create", "serviceaccount", "robot", "-n", "claims").assertSuccess();
        String uid = kubectl.run("get", "sa", "robot", "-n", "claims", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();

        String token = token("create", "token", "robot", "-n", "claims", "--duration=20m", "--audience=vault");
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, token);
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        assertEquals("RS256", header.path("alg").asText());
        assertEquals(List.of("alg", "kid"), fieldNames(header));
        // go-jose writes the claims as one map: keys in sorted order
        assertEquals(List.of("aud", "exp", "iat", "iss", "jti", "kubernetes.io", "nbf", "sub"), fieldNames(claims));
        assertEquals(ISSUER, claims.path("iss").asText());
        assertEquals("system:serviceaccount:claims:robot", claims.path("sub").asText());
        assertEquals("[\"vault\"]", claims.path("aud").toString());
        assertEquals(1200, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertEquals(claims.path("iat").asLong(), claims.path("nbf").asLong());
        assertTrue(Math.abs(claims.path("iat").asLong() - System.currentTimeMillis() / 1000) < 60, claims.toString());
        assertTrue(claims.path("jti").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), claims.toString());
        assertEquals("{\"namespace\":\"claims\",\"serviceaccount\":{\"name\":\"robot\",\"uid\":\"" + uid + "\"}}",
                claims.path("kubernetes.io").toString());

        // the default lifetime is an hour and the default audience the API server's
        JsonNode defaults = decode(token("create", "token", "robot", "-n", "claims").split("\\.")[1]);
        assertEquals(3600, defaults.path("exp").asLong() - defaults.path("iat").asLong());
        assertEquals("[\"" + ISSUER + "\"]", defaults.path("aud").toString());

        // a relying party finds the key through the issuer's discovery documents and checks the signature
        HttpResponse<String> config = get("/.well-known/openid-configuration");
        assertEquals(200, config.statusCode());
        assertEquals("application/json", config.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=3600", config.headers().firstValue("Cache-Control").orElse(""));
        JsonNode discovery = JSON.readTree(config.body());
        assertEquals(List.of("issuer", "jwks_uri", "response_types_supported", "subject_types_supported",
                "id_token_signing_alg_values_supported"), fieldNames(discovery));
        assertEquals(ISSUER, discovery.path("issuer").asText());
        assertEquals("[\"id_token\"]", discovery.path("response_types_supported").toString());
        assertEquals("[\"public\"]", discovery.path("subject_types_supported").toString());
        assertEquals("[\"RS256\"]", discovery.path("id_token_signing_alg_values_supported").toString());
        assertEquals(cluster.server().url() + "/openid/v1/jwks", discovery.path("jwks_uri").asText());

        HttpResponse<String> keys = get("/openid/v1/jwks");
        assertEquals("application/jwk-set+json", keys.headers().firstValue("Content-Type").orElse(""));
        JsonNode jwk = JSON.readTree(keys.body()).path("keys").path(0);
        assertEquals(List.of("use", "kty", "kid", "alg", "n", "e"), fieldNames(jwk));
        assertEquals("sig", jwk.path("use").asText());
        assertEquals("RSA", jwk.path("kty").asText());
        assertEquals("RS256", jwk.path("alg").asText());
        assertEquals("AQAB", jwk.path("e").asText());
        assertEquals(header.path("kid").asText(), jwk.path("kid").asText());
        PublicKey publicKey = publicKey(jwk);
        // kube's key id: unpadded base64url of the SHA-256 of the public key's PKIX DER
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded())), jwk.path("kid").asText());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "the token's signature verifies with the published key");
    }

    @Test
    void tokenReviewAuthenticatesTheTokenUntilItsServiceAccountIsDeleted() throws Exception {
        kubectl.run("create", "serviceaccount", "reviewed").assertSuccess();
        String uid = kubectl.run("get", "sa", "reviewed", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        String token = token("create", "token", "reviewed");
        String jti = decode(token.split("\\.")[1]).path("jti").asText();

        String review = review(token, null);
        assertEquals("""
                apiVersion: authentication.k8s.io/v1
                kind: TokenReview
                metadata:
                  creationTimestamp: null
                spec:
                  token: %s
                status:
                  audiences:
                  - https://kubernetes.default.svc.cluster.local
                  authenticated: true
                  user:
                    extra:
                      authentication.kubernetes.io/credential-id:
                      - JTI=%s
                    groups:
                    - system:serviceaccounts
                    - system:serviceaccounts:default
                    - system:authenticated
                    uid: %s
                    username: system:serviceaccount:default:reviewed
                """.formatted(token, jti, uid), review);

        assertEquals("{\"error\":\"token audiences [\\\"https://kubernetes.default.svc.cluster.local\\\"] is invalid for the "
                + "target audiences [\\\"vault\\\"]\",\"user\":{}}", reviewStatus(token, "vault"));
        assertEquals("{\"error\":\"invalid bearer token\",\"user\":{}}", reviewStatus("not-a-jwt", null));
        // the same claims under a signature that is not ours
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (parts[2].charAt(10) == 'A' ? 'B' : 'A')
                + parts[2].substring(11);
        assertEquals("{\"error\":\"go-jose/go-jose: error in cryptographic primitive\",\"user\":{}}", reviewStatus(forged, null));

        kubectl.run("delete", "serviceaccount", "reviewed").assertSuccess();
        assertEquals("{\"error\":\"serviceaccounts \\\"reviewed\\\" not found\",\"user\":{}}", reviewStatus(token, null));
        // recreated under the same name, it is another service account
        kubectl.run("create", "serviceaccount", "reviewed").assertSuccess();
        String newUid = kubectl.run("get", "sa", "reviewed", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        assertEquals("{\"error\":\"service account UID (" + newUid + ") does not match claim (" + uid + ")\",\"user\":{}}",
                reviewStatus(token, null));

        Kubectl.Result empty = kubectl.runWithInput("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{}}",
                "create", "-f", "-");
        assertEquals("Error from server (BadRequest): error when creating \"STDIN\": token is required for TokenReview in authentication\n",
                empty.err());
    }

    @Test
    void tokensBoundToAPodNodeOrSecretNameItAndDieWithIt() throws Exception {
        kubectl.run("create", "serviceaccount", "worker").assertSuccess();
        kubectl.run("create", "serviceaccount", "other").assertSuccess();
        // bound to a node that is not registered: kube still names it in the claims
        kubectl.runWithInput("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bound"},
                 "spec":{"serviceAccountName":"worker","nodeName":"elsewhere","containers":[{"name":"c","image":"busybox"}]}}""",
                "create", "-f", "-").assertSuccess();
        String podUid = kubectl.run("get", "pod", "bound", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();

        String token = token("create", "token", "worker", "--bound-object-kind=Pod", "--bound-object-name=bound");
        JsonNode kubernetes = decode(token.split("\\.")[1]).path("kubernetes.io");
        assertEquals("{\"name\":\"bound\",\"uid\":\"" + podUid + "\"}", kubernetes.path("pod").toString());
        assertEquals("{\"name\":\"elsewhere\"}", kubernetes.path("node").toString());
        String review = review(token, null);
        assertTrue(review.contains("""
                      authentication.kubernetes.io/node-name:
                      - elsewhere
                      authentication.kubernetes.io/pod-name:
                      - bound
                      authentication.kubernetes.io/pod-uid:
                      - %s
                """.formatted(podUid)), review);

        assertEquals("error: failed to create token: cannot bind token for serviceaccount \"other\" to pod running with "
                + "different serviceaccount name.\n",
                kubectl.run("create", "token", "other", "--bound-object-kind=Pod", "--bound-object-name=bound").err());
        assertEquals("error: failed to create token: Operation cannot be fulfilled on Pod \"bound\": the UID in the bound "
                + "object reference (0000) does not match the UID in record. The object might have been deleted and then recreated\n",
                kubectl.run("create", "token", "worker", "--bound-object-kind=Pod", "--bound-object-name=bound",
                        "--bound-object-uid=0000").err());
        assertEquals("error: failed to create token: pods \"missing\" not found\n",
                kubectl.run("create", "token", "worker", "--bound-object-kind=Pod", "--bound-object-name=missing").err());

        kubectl.run("delete", "pod", "bound", "--grace-period=0", "--force").assertSuccess();
        assertEquals("{\"error\":\"service account token has been invalidated\",\"user\":{}}", reviewStatus(token, null));

        kubectl.runWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"token-node\"}}", "create", "-f", "-")
                .assertSuccess();
        String nodeUid = kubectl.run("get", "node", "token-node", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        String nodeToken = token("create", "token", "worker", "--bound-object-kind=Node", "--bound-object-name=token-node");
        assertEquals("{\"name\":\"token-node\",\"uid\":\"" + nodeUid + "\"}",
                decode(nodeToken.split("\\.")[1]).path("kubernetes.io").path("node").toString());
        assertTrue(review(nodeToken, null).contains("""
                      authentication.kubernetes.io/node-name:
                      - token-node
                      authentication.kubernetes.io/node-uid:
                      - %s
                """.formatted(nodeUid)), review(nodeToken, null));
        kubectl.run("delete", "node", "token-node").assertSuccess();
        assertEquals("{\"error\":\"service account token has been invalidated\",\"user\":{}}", reviewStatus(nodeToken, null));

        kubectl.run("create", "secret", "generic", "holder", "--from-literal=a=b").assertSuccess();
        String secretUid = kubectl.run("get", "secret", "holder", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        String secretToken = token("create", "token", "worker", "--bound-object-kind=Secret", "--bound-object-name=holder");
        assertEquals("{\"name\":\"holder\",\"uid\":\"" + secretUid + "\"}",
                decode(secretToken.split("\\.")[1]).path("kubernetes.io").path("secret").toString());
        assertTrue(review(secretToken, null).contains("authenticated: true"));
        kubectl.run("delete", "secret", "holder").assertSuccess();
        assertEquals("{\"error\":\"service account token has been invalidated\",\"user\":{}}", reviewStatus(secretToken, null));
    }

    @Test
    void requestsKubeRefusesAreRefusedWithItsWords() {
        kubectl.run("create", "serviceaccount", "short").assertSuccess();
        assertEquals("error: failed to create token: TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: "
                + "Invalid value: 300: may not specify a duration less than 10 minutes\n",
                kubectl.run("create", "token", "short", "--duration=5m").err());
        assertEquals("error: failed to create token: serviceaccounts \"nobody\" not found\n",
                kubectl.run("create", "token", "nobody").err());
        String notAllowed = kubectl.run("get", "--raw", "/api/v1/namespaces/default/serviceaccounts/short/token").err();
        assertTrue(notAllowed.contains("MethodNotAllowed") || notAllowed.contains("the server does not allow this method"), notAllowed);
    }

    @Test
    void discoveryListsTheTokenSubresourceAndTokenReviews() throws Exception {
        JsonNode coreV1 = JSON.readTree(kubectl.run("get", "--raw", "/api/v1").assertSuccess().out());
        JsonNode token = null;
        for (JsonNode resource : coreV1.path("resources")) {
            if (resource.path("name").asText().equals("serviceaccounts/token")) {
                token = resource;
            }
        }
        assertEquals("{\"name\":\"serviceaccounts/token\",\"singularName\":\"\",\"namespaced\":true,\"group\":\"authentication.k8s.io\","
                + "\"version\":\"v1\",\"kind\":\"TokenRequest\",\"verbs\":[\"create\"]}", canonical(token, List.of("name", "singularName",
                "namespaced", "group", "version", "kind", "verbs")));

        HttpResponse<String> aggregated = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.server().url() + "/api"))
                .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList").build(),
                HttpResponse.BodyHandlers.ofString());
        String serviceAccounts = null;
        for (JsonNode resource : JSON.readTree(aggregated.body()).path("items").path(0).path("versions").path(0).path("resources")) {
            if (resource.path("resource").asText().equals("serviceaccounts")) {
                serviceAccounts = resource.path("subresources").toString();
            }
        }
        assertEquals("[{\"subresource\":\"token\",\"responseKind\":{\"group\":\"authentication.k8s.io\",\"version\":\"v1\","
                + "\"kind\":\"TokenRequest\"},\"verbs\":[\"create\"]}]", serviceAccounts);

        // computed, never stored: no storage version
        assertEquals("{\"name\":\"tokenreviews\",\"singularName\":\"tokenreview\",\"namespaced\":false,\"kind\":\"TokenReview\","
                + "\"verbs\":[\"create\"]}", canonical(JSON.readTree(kubectl.run("get", "--raw", "/apis/authentication.k8s.io/v1")
                .assertSuccess().out()).path("resources").path(1), List.of("name", "singularName", "namespaced", "kind", "verbs")));

        String resources = kubectl.run("api-resources", "--api-group=authentication.k8s.io").assertSuccess().out();
        assertTrue(resources.lines().anyMatch(l -> l.matches("tokenreviews +authentication.k8s.io/v1 +false +TokenReview")), resources);
    }

    @Test
    void theSigningKeyIsKeptInTheDataDirectoryAcrossRestarts() throws Exception {
        kubectl.run("create", "serviceaccount", "durable").assertSuccess();
        String token = token("create", "token", "durable");
        Path key = cluster.server().kubeconfig().getParent().resolve("pki").resolve("sa.key");
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key.resolveSibling("sa.pub")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        String keysBefore = get("/openid/v1/jwks").body();

        cluster.server().restart();

        assertEquals(keysBefore, get("/openid/v1/jwks").body());
        assertTrue(review(token, null).contains("authenticated: true"), review(token, null));
    }

    @Test
    void theTokensControllerFillsInServiceAccountTokenSecretsAndDeletesThemWithTheirAccount() throws Exception {
        kubectl.run("create", "serviceaccount", "build").assertSuccess();
        String uid = kubectl.run("get", "sa", "build", "-o", "jsonpath={.metadata.uid}").assertSuccess().out();
        kubectl.runWithInput("""
                {"apiVersion":"v1","kind":"Secret","type":"kubernetes.io/service-account-token",
                 "metadata":{"name":"build-token","annotations":{"kubernetes.io/service-account.name":"build"}}}""",
                "create", "-f", "-").assertSuccess();
        String filled = Eventually.until("the token filled in", Duration.ofSeconds(30),
                () -> kubectl.run("get", "secret", "build-token", "-o",
                        "jsonpath={.metadata.annotations.kubernetes\\.io/service-account\\.uid} {.data.namespace} {.data.token}").out(),
                out -> out.split(" ").length == 3);
        String[] fields = filled.split(" ");
        assertEquals(uid, fields[0]);
        assertEquals("default", new String(Base64.getDecoder().decode(fields[1]), StandardCharsets.UTF_8));
        String token = new String(Base64.getDecoder().decode(fields[2]), StandardCharsets.UTF_8);
        // the root CA: the cluster CA the server keeps beside the signing key
        Path pki = cluster.server().kubeconfig().getParent().resolve("pki");
        assertEquals(Files.readString(pki.resolve("ca.crt")), new String(Base64.getDecoder().decode(kubectl.run("get", "secret",
                "build-token", "-o", "jsonpath={.data.ca\\.crt}").assertSuccess().out()), StandardCharsets.UTF_8));
        // kube's legacy claims: no audience, no expiry
        assertEquals("{\"iss\":\"kubernetes/serviceaccount\",\"kubernetes.io/serviceaccount/namespace\":\"default\","
                + "\"kubernetes.io/serviceaccount/secret.name\":\"build-token\",\"kubernetes.io/serviceaccount/service-account.name\":"
                + "\"build\",\"kubernetes.io/serviceaccount/service-account.uid\":\"" + uid + "\",\"sub\":"
                + "\"system:serviceaccount:default:build\"}", decode(token.split("\\.")[1]).toString());
        assertEquals("{\"audiences\":[\"https://kubernetes.default.svc.cluster.local\"],\"authenticated\":true,\"user\":{\"groups\":"
                + "[\"system:serviceaccounts\",\"system:serviceaccounts:default\",\"system:authenticated\"],\"uid\":\"" + uid
                + "\",\"username\":\"system:serviceaccount:default:build\"}}", reviewStatus(token, null));

        // kube's legacy token tracking: the day of the last use, and a label that disables the token
        assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), kubectl.run("get", "secret", "build-token", "-o",
                "jsonpath={.metadata.labels.kubernetes\\.io/legacy-token-last-used}").assertSuccess().out());
        kubectl.run("label", "secret", "build-token", "kubernetes.io/legacy-token-invalid-since=2026-01-01").assertSuccess();
        assertEquals("{\"error\":\"the token in secret default/build-token for service account default/build has been marked "
                + "invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the "
                + "'kubernetes.io/legacy-token-invalid-since' label from the secret to temporarily allow use of this token\","
                + "\"user\":{}}", reviewStatus(token, null));
        kubectl.run("label", "secret", "build-token", "kubernetes.io/legacy-token-invalid-since-").assertSuccess();
        assertTrue(reviewStatus(token, null).contains("\"authenticated\":true"));

        assertEquals("error: failed to create secret Secret \"unnamed\" is invalid: "
                + "metadata.annotations[kubernetes.io/service-account.name]: Required value\n",
                kubectl.run("create", "secret", "generic", "unnamed", "--type=kubernetes.io/service-account-token").err());

        kubectl.run("delete", "serviceaccount", "build").assertSuccess();
        Eventually.until("the token Secret deleted", Duration.ofSeconds(30),
                () -> kubectl.run("get", "secret", "build-token").err(), err -> err.contains("NotFound"));
        assertEquals("{\"error\":\"Token has been invalidated\",\"user\":{}}", reviewStatus(token, null));
    }

    private String token(String... args) {
        // kubectl prints the bare token, without a newline
        String out = kubectl.run(args).assertSuccess().out();
        assertTrue(out.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), out);
        return out;
    }

    private String review(String token, String audience) {
        return review(token, audience, "yaml");
    }

    /** The status alone, as compact JSON (a refused token's YAML wraps its error where its length says). */
    private String reviewStatus(String token, String audience) {
        return review(token, audience, "jsonpath={.status}");
    }

    private String review(String token, String audience, String output) {
        String spec = "{\"token\":\"" + token + "\"" + (audience == null ? "" : ",\"audiences\":[\"" + audience + "\"]") + "}";
        return kubectl.runWithInput("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":" + spec + "}",
                "create", "-f", "-", "-o", output).assertSuccess().out();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.server().url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode decode(String part) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String canonical(JsonNode node, List<String> order) {
        com.fasterxml.jackson.databind.node.ObjectNode sorted = JSON.createObjectNode();
        order.forEach(name -> sorted.set(name, node.get(name)));
        assertEquals(order.size(), fieldNames(node).size(), node.toString());
        return sorted.toString();
    }

    private static PublicKey publicKey(JsonNode jwk) throws Exception {
        BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText()));
        BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()));
        assertFalse(jwk.path("n").asText().startsWith("AA"), "n carries no sign byte");
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }
}
