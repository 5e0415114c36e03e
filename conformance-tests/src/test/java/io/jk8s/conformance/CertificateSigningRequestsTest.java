package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.KeytoolKey;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * certificates.k8s.io/v1 with real kubectl: a user submits a CSR made from a key of their own, an
 * administrator approves or denies it with {@code kubectl certificate}, and the csrsigning
 * controller issues a certificate from the cluster CA in the data directory, for the requested
 * duration and usages, the same CA after a restart.
 */
class CertificateSigningRequestsTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none");

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void approvedRequestIsIssuedACertificateFromTheClusterCa() throws Exception {
        KeytoolKey alice = KeytoolKey.create(work("alice"), "CN=alice, O=dev");
        kubectl.runWithInput(alice.csrManifest("alice", "kubernetes.io/kube-apiserver-client", 86400, "client auth"),
                "create", "-f", "-").assertSuccess();
        assertTrue(kubectl.run("get", "csr", "alice").assertSuccess().out().matches("""
                NAME +AGE +SIGNERNAME +REQUESTOR +REQUESTEDDURATION +CONDITION
                alice +\\d+s +kubernetes.io/kube-apiserver-client +system:admin +24h +Pending
                """), kubectl.run("get", "csr", "alice").out());

        assertEquals("certificatesigningrequest.certificates.k8s.io/alice approved\n",
                kubectl.run("certificate", "approve", "alice").assertSuccess().out());
        Eventually.until("alice issued", () -> kubectl.run("get", "csr", "alice").out(), out -> out.contains("Approved,Issued"));
        String describe = kubectl.run("describe", "csr", "alice").assertSuccess().out();
        for (String line : List.of("Requesting User:     system:admin", "Signer:              kubernetes.io/kube-apiserver-client",
                "Requested Duration:  24h", "Status:              Approved,Issued", "Common Name:    alice", "Organization:   dev")) {
            assertTrue(describe.contains(line), describe);
        }
        assertEquals("True KubectlApprove This CSR was approved by kubectl certificate approve.", kubectl.run("get", "csr", "alice",
                "-o", "jsonpath={.status.conditions[0].status} {.status.conditions[0].reason} {.status.conditions[0].message}").out());

        X509Certificate ca = certificate(Files.readAllBytes(cluster.server().kubeconfig().resolveSibling("pki").resolve("ca.crt")));
        X509Certificate issued = issued("alice");
        issued.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), issued.getIssuerX500Principal());
        assertEquals(alice.certificate().getSubjectX500Principal(), issued.getSubjectX500Principal());
        assertArrayEquals(alice.certificate().getPublicKey().getEncoded(), issued.getPublicKey().getEncoded());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), issued.getExtendedKeyUsage());
        assertNull(issued.getKeyUsage());
        assertEquals(-1, issued.getBasicConstraints());
        // kube backdates by 5 minutes; a certificate of 8 hours or more loses them at its end
        assertEquals(Duration.ofHours(24), Duration.between(issued.getNotBefore().toInstant(), issued.getNotAfter().toInstant()));
        assertTrue(Duration.between(issued.getNotBefore().toInstant(), Instant.now()).compareTo(Duration.ofMinutes(4)) > 0);

        // the CA survives a restart: a request signed afterwards chains to the same root
        byte[] caBefore = Files.readAllBytes(cluster.server().kubeconfig().resolveSibling("pki").resolve("ca.crt"));
        cluster.server().restart();
        assertArrayEquals(caBefore, Files.readAllBytes(cluster.server().kubeconfig().resolveSibling("pki").resolve("ca.crt")));
        KeytoolKey carol = KeytoolKey.create(work("carol"), "CN=carol");
        kubectl.runWithInput(carol.csrManifest("carol", "kubernetes.io/kube-apiserver-client", 600,
                "digital signature", "client auth"), "create", "-f", "-").assertSuccess();
        kubectl.run("certificate", "approve", "carol").assertSuccess();
        Eventually.until("carol issued", () -> kubectl.run("get", "csr", "carol").out(), out -> out.contains("Approved,Issued"));
        X509Certificate brief = issued("carol");
        brief.verify(ca.getPublicKey());
        // a short certificate keeps its whole duration after the 5 minutes of backdating
        assertEquals(Duration.ofMinutes(15), Duration.between(brief.getNotBefore().toInstant(), brief.getNotAfter().toInstant()));
        assertTrue(brief.getKeyUsage()[0], "digitalSignature");
        assertTrue(kubectl.run("get", "csr", "carol").out().contains(" 10m "), kubectl.run("get", "csr", "carol").out());
    }

    @Test
    void deniedRequestIsNeverSignedAndStaysDenied() throws Exception {
        KeytoolKey bob = KeytoolKey.create(work("bob"), "CN=bob");
        kubectl.runWithInput(bob.csrManifest("bob", "kubernetes.io/kube-apiserver-client", null, "client auth"),
                "create", "-f", "-").assertSuccess();
        assertEquals("certificatesigningrequest.certificates.k8s.io/bob denied\n",
                kubectl.run("certificate", "deny", "bob").assertSuccess().out());
        assertTrue(kubectl.run("get", "csr", "bob").out().matches("""
                NAME +AGE +SIGNERNAME +REQUESTOR +REQUESTEDDURATION +CONDITION
                bob +\\d+s +kubernetes.io/kube-apiserver-client +system:admin +<none> +Denied
                """), kubectl.run("get", "csr", "bob").out());
        assertEquals("error: certificate signing request \"bob\" is already Denied\n",
                kubectl.run("certificate", "approve", "bob").err());

        // approval conditions only change through /approval, and Approved and Denied exclude each other
        Kubectl.Result viaStatus = kubectl.run("patch", "csr", "bob", "--subresource=status", "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/status/conditions/0\"}]");
        assertEquals("The CertificateSigningRequest \"bob\" is invalid: status.conditions: Forbidden: updates may not remove "
                + "a condition of type \"Denied\"\n", viaStatus.err());
        Kubectl.Result both = kubectl.run("patch", "csr", "bob", "--subresource=approval", "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/status/conditions/-\",\"value\":{\"type\":\"Approved\",\"status\":\"True\"}}]");
        assertEquals("The CertificateSigningRequest \"bob\" is invalid: status.conditions[1].type: Invalid value: \"Approved\": "
                + "Approved and Denied conditions are mutually exclusive\n", both.err());
        assertEquals("", kubectl.run("get", "csr", "bob", "-o", "jsonpath={.status.certificate}").out());
    }

    @Test
    void requestsThatBreakTheRulesAreRefusedWithKubesMessages() throws Exception {
        Kubectl.Result invalid = kubectl.runWithInput("""
                apiVersion: certificates.k8s.io/v1
                kind: CertificateSigningRequest
                metadata: {name: bad}
                spec:
                  request: aGVsbG8=
                  signerName: example
                  expirationSeconds: 599
                  usages: [client auth, bogus, client auth]
                """, "create", "-f", "-");
        assertEquals("""
                The CertificateSigningRequest "bad" is invalid:\s
                * spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f}: PEM block type must be CERTIFICATE REQUEST
                * spec.usages[1]: Unsupported value: "bogus": supported values: "any", "cert sign", "client auth", "code signing", \
                "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", \
                "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", \
                "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"
                * spec.usages[2]: Duplicate value: "client auth"
                * spec.signerName: Invalid value: "example": must be a fully qualified domain and path of the form 'example.com/signer-name'
                * spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)
                """, invalid.err());

        KeytoolKey dave = KeytoolKey.create(work("dave"), "CN=dave");
        Kubectl.Result legacy = kubectl.runWithInput(dave.csrManifest("dave", "kubernetes.io/legacy-unknown", null),
                "create", "-f", "-");
        assertEquals("""
                The CertificateSigningRequest "dave" is invalid:\s
                * spec.usages: Required value
                * spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version
                """, legacy.err());

        // the spec cannot change after create: an update keeps the stored one
        kubectl.runWithInput(dave.csrManifest("dave", "example.com/signer", null, "server auth"), "create", "-f", "-")
                .assertSuccess();
        kubectl.run("patch", "csr", "dave", "--type=merge", "-p", "{\"spec\":{\"signerName\":\"example.com/other\"}}").assertSuccess();
        assertEquals("example.com/signer", kubectl.run("get", "csr", "dave", "-o", "jsonpath={.spec.signerName}").out());
    }

    @Test
    void requestBreakingItsSignersRulesIsMarkedFailed() throws Exception {
        KeytoolKey node = KeytoolKey.create(work("node"), "CN=system:node:worker, O=dev");
        kubectl.runWithInput(node.csrManifest("kubelet", "kubernetes.io/kube-apiserver-client-kubelet", null,
                "digital signature", "client auth"), "create", "-f", "-").assertSuccess();
        kubectl.run("certificate", "approve", "kubelet").assertSuccess();
        Eventually.until("kubelet failed", () -> kubectl.run("get", "csr", "kubelet").out(), out -> out.contains("Approved,Failed"));
        assertEquals("SignerValidationFailure subject organization is not system:nodes", kubectl.run("get", "csr", "kubelet", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason} {.status.conditions[?(@.type==\"Failed\")].message}").out());
        assertEquals("", kubectl.run("get", "csr", "kubelet", "-o", "jsonpath={.status.certificate}").out());
    }

    private static Path work(String name) throws IOException {
        return Files.createDirectories(cluster.server().kubeconfig().resolveSibling("csr-" + name));
    }

    private X509Certificate issued(String name) throws Exception {
        String base64 = kubectl.run("get", "csr", name, "-o", "jsonpath={.status.certificate}").assertSuccess().out();
        return certificate(Base64.getDecoder().decode(base64));
    }

    private static X509Certificate certificate(byte[] pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
