package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.ControllerManagerProcess;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.KeytoolKey;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server without its own controllers still makes the cluster CA; a separate {@code jk8s
 * controller-manager} given it with kube's --cluster-signing-cert-file / --cluster-signing-key-file
 * signs what was approved before it started, and without them leaves requests unsigned.
 */
class ClusterSigningControllerManagerTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none", "--disable-controller-manager");

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void separateControllerManagerSignsWithTheFilesItIsGiven() throws Exception {
        Path pki = cluster.server().kubeconfig().resolveSibling("pki");
        assertTrue(Files.exists(pki.resolve("ca.crt")) && Files.exists(pki.resolve("ca.key")), "the server made no CA");
        Path dir = Files.createDirectories(cluster.server().kubeconfig().resolveSibling("erin"));
        KeytoolKey erin = KeytoolKey.create(dir, "CN=erin");
        kubectl.runWithInput(erin.csrManifest("erin", "kubernetes.io/kube-apiserver-client", null, "client auth"),
                "create", "-f", "-").assertSuccess();
        kubectl.run("certificate", "approve", "erin").assertSuccess();

        Path logs = Files.createDirectories(cluster.server().kubeconfig().resolveSibling("logs"));
        try (ControllerManagerProcess unsigned = ControllerManagerProcess.start(cluster.server().kubeconfig(),
                logs.resolve("cm-unsigned.log"))) {
            unsigned.identity();
            // the other controllers run; without a CA csrsigning does not
            Eventually.until("the controllers running", () -> unsigned.log(), log -> log.contains("controllers running"));
            assertTrue(!unsigned.log().contains("csrsigning"), unsigned.log());
        }
        assertEquals("Approved", kubectl.run("get", "csr", "erin", "-o", "custom-columns=C:.status.conditions[0].type",
                "--no-headers").out().strip());

        try (ControllerManagerProcess signing = ControllerManagerProcess.start(cluster.server().kubeconfig(),
                logs.resolve("cm-signing.log"), "--cluster-signing-cert-file", pki.resolve("ca.crt").toString(),
                "--cluster-signing-key-file", pki.resolve("ca.key").toString())) {
            Eventually.until("erin issued", Duration.ofSeconds(90), () -> kubectl.run("get", "csr", "erin").out(),
                    out -> out.contains("Approved,Issued"));
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate ca = (X509Certificate) x509.generateCertificate(Files.newInputStream(pki.resolve("ca.crt")));
        X509Certificate issued = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(Base64.getDecoder()
                .decode(kubectl.run("get", "csr", "erin", "-o", "jsonpath={.status.certificate}").out())));
        issued.verify(ca.getPublicKey());
        // no expirationSeconds: kube's --cluster-signing-duration default, a year
        assertEquals(Duration.ofHours(8760), Duration.between(issued.getNotBefore().toInstant(), issued.getNotAfter().toInstant()));
    }
}
