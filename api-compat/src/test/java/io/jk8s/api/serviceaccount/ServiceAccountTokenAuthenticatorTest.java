package io.jk8s.api.serviceaccount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.jk8s.api.errors.StatusErrors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks kube's service-account authenticator makes that a kubectl test cannot wait for: lifetimes, leeway, node binding. */
class ServiceAccountTokenAuthenticatorTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ServiceAccountIssuer ISSUER = ServiceAccountIssuer.ephemeral();

    private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
    private final Map<String, Node> nodes = new HashMap<>();

    private final ServiceAccountTokenGetter objects = new ServiceAccountTokenGetter() {
        @Override
        public ServiceAccount serviceAccount(String namespace, String name) {
            ServiceAccount found = serviceAccounts.get(namespace + "/" + name);
            if (found == null) {
                throw StatusErrors.notFound("", "serviceaccounts", name);
            }
            return found;
        }

        @Override
        public Pod pod(String namespace, String name) {
            throw StatusErrors.notFound("", "pods", name);
        }

        @Override
        public Secret secret(String namespace, String name) {
            throw StatusErrors.notFound("", "secrets", name);
        }

        @Override
        public void labelSecret(String namespace, String name, String uid, String key, String value) {
            throw new UnsupportedOperationException("no legacy tokens here");
        }

        @Override
        public Node node(String name) {
            Node found = nodes.get(name);
            if (found == null) {
                throw StatusErrors.notFound("", "nodes", name);
            }
            return found;
        }
    };

    private ServiceAccount robot() {
        ServiceAccount robot = new ServiceAccountBuilder().withNewMetadata().withNamespace("ns").withName("robot")
                .withUid("sa-uid").endMetadata().build();
        serviceAccounts.put("ns/robot", robot);
        return robot;
    }

    private String token(ServiceAccountClaims claims) {
        return ISSUER.sign(claims.toMap(ISSUER.issuer(), ISSUED));
    }

    private ServiceAccountTokenAuthenticator.Result authenticateAt(String token, Instant now) {
        return new ServiceAccountTokenAuthenticator(ISSUER, objects, Clock.fixed(now, ZoneOffset.UTC)).authenticate(token, List.of());
    }

    @Test
    void aTokenIsGoodFromAMinuteBeforeItsStartToAMinuteAfterItsExpiry() {
        String token = token(new ServiceAccountClaims(robot(), null, null, null, 600, 0, ISSUER.apiAudiences()));
        assertEquals("service account token is not valid yet", authenticateAt(token, ISSUED.minusSeconds(61)).error());
        assertTrue(authenticateAt(token, ISSUED.minusSeconds(60)).authenticated());
        assertTrue(authenticateAt(token, ISSUED.plusSeconds(660)).authenticated());
        assertEquals("service account token has expired", authenticateAt(token, ISSUED.plusSeconds(661)).error());
    }

    @Test
    void aNodeBoundTokenNeedsItsNodeWithTheSameUid() {
        Node node = new NodeBuilder().withNewMetadata().withName("n1").withUid("node-uid").endMetadata().build();
        String token = token(new ServiceAccountClaims(robot(), null, null, node, 600, 0, ISSUER.apiAudiences()));
        assertEquals("service account token has been invalidated", authenticateAt(token, ISSUED).error());

        nodes.put("n1", new NodeBuilder().withNewMetadata().withName("n1").withUid("other").endMetadata().build());
        assertEquals("node UID (other) does not match service account node ref claim (node-uid)", authenticateAt(token, ISSUED).error());

        nodes.put("n1", node);
        ServiceAccountTokenAuthenticator.Result result = authenticateAt(token, ISSUED);
        assertNull(result.error());
        assertEquals(List.of("n1"), result.user().getExtra().get("authentication.kubernetes.io/node-name"));
        assertEquals(List.of("node-uid"), result.user().getExtra().get("authentication.kubernetes.io/node-uid"));
    }

    @Test
    void aServiceAccountDeletedLongerThanTheLeewayAgoNoLongerAuthenticates() {
        ServiceAccount robot = robot();
        String token = token(new ServiceAccountClaims(robot, null, null, null, 3600, 0, ISSUER.apiAudiences()));
        robot.getMetadata().setDeletionTimestamp(ISSUED.toString());
        assertTrue(authenticateAt(token, ISSUED.plusSeconds(60)).authenticated());
        assertEquals("service account ns/robot has been deleted", authenticateAt(token, ISSUED.plusSeconds(61)).error());
    }

    @Test
    void theKubeletsProjectedTokensCarryWarnAfter() {
        Map<String, Object> claims = new ServiceAccountClaims(robot(), null, null, null, 365L * 24 * 3600, 3607,
                ISSUER.apiAudiences()).toMap(ISSUER.issuer(), ISSUED);
        @SuppressWarnings("unchecked")
        Map<String, Object> kubernetes = (Map<String, Object>) claims.get("kubernetes.io");
        assertEquals(ISSUED.getEpochSecond() + 3607, kubernetes.get("warnafter"));
    }

    @Test
    void theKeyFileIsReadBackAsTheSameKey(@TempDir Path dir) {
        SigningKey created = SigningKey.loadOrCreate(dir.resolve("pki").resolve("sa.key"));
        SigningKey read = SigningKey.loadOrCreate(dir.resolve("pki").resolve("sa.key"));
        assertEquals(created.keyId(), read.keyId());
        String token = JsonWebToken.sign(created, Map.of("iss", "x"));
        assertTrue(JsonWebToken.parse(token).orElseThrow().verifiedBy(read));
        assertTrue(!JsonWebToken.parse(token).orElseThrow().verifiedBy(SigningKey.generate()));
    }

    @Test
    void aKubeadmStylePkcs1KeyIsReadToo(@TempDir Path dir) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair pair = generator.generateKeyPair();
        Path file = dir.resolve("sa.key");
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(
                java.nio.file.Files.newBufferedWriter(file))) {
            writer.writeObject(pair);
        }
        assertTrue(java.nio.file.Files.readString(file).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        SigningKey read = SigningKey.loadOrCreate(file);
        assertEquals(SigningKey.keyIdOf((java.security.interfaces.RSAPublicKey) pair.getPublic()), read.keyId());
    }

    @Test
    void goQuotesAudienceLists() {
        assertEquals("[\"a\" \"b\\\"c\"]", ServiceAccountTokenAuthenticator.goQuoted(List.of("a", "b\"c")));
    }
}
