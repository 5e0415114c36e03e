package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.KeytoolKey;
import io.jk8s.conformance.support.RunningCluster;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jk8s.testing.Kubectl;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.StringReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTPS port ({@code jk8s server --secure-port}) with real kubectl, as a kubeadm cluster is
 * used: the administrator through admin.conf's client certificate, a normal user through a
 * certificate issued from a CertificateSigningRequest, a service account through its token, and
 * anyone else as system:anonymous. RBAC decides for all but the administrator.
 */
class SecurePortTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none", "--secure-port", "0");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kubectl admin = new Kubectl(dataDir().resolve("admin.conf"), dataDir().resolve("home-admin"));

    @Test
    void theAdministratorsCertificateIsInSystemMasters() {
        assertTrue(admin.run("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}").assertSuccess().out()
                .startsWith("https://127.0.0.1:"));
        assertEquals("""
                ATTRIBUTE   VALUE
                Username    kubernetes-admin
                Groups      [system:masters system:authenticated]
                """, admin.run("auth", "whoami").assertSuccess().out());
        assertEquals("namespace/secured created\n", admin.run("create", "namespace", "secured").assertSuccess().out());
    }

    @Test
    void aUserSignedThroughACertificateSigningRequestIsWhoItsCertificateNames() throws Exception {
        Path dir = Files.createDirectories(dataDir().resolve("user-jane"));
        KeytoolKey jane = KeytoolKey.create(dir, "CN=jane, O=dev, O=ops");
        admin.runWithInput(jane.csrManifest("jane", "kubernetes.io/kube-apiserver-client", 86400, "client auth"),
                "create", "-f", "-").assertSuccess();
        admin.run("certificate", "approve", "jane").assertSuccess();
        String issued = Eventually.until("jane's certificate", () -> admin.run("get", "csr", "jane", "-o",
                "jsonpath={.status.certificate}").out(), out -> !out.isEmpty());
        Path cert = dir.resolve("jane.crt");
        Path key = dir.resolve("jane.key");
        Files.write(cert, Base64.getDecoder().decode(issued));
        Files.writeString(key, jane.privateKeyPem());

        // kubectl config set-credentials / set-context, as the Kubernetes docs show for a CSR's user
        Kubectl user = kubectlWithAdminConfCopy(dir);
        user.run("config", "set-credentials", "jane", "--client-certificate=" + cert, "--client-key=" + key,
                "--embed-certs=true").assertSuccess();
        user.run("config", "set-context", "jane", "--cluster=jk8s", "--user=jane").assertSuccess();
        user.run("config", "use-context", "jane").assertSuccess();
        // keytool writes the name's parts last first (O=ops, O=dev, CN=jane); groups keep the certificate's order, as Go reads it
        assertEquals("""
                ATTRIBUTE   VALUE
                Username    jane
                Groups      [ops dev system:authenticated]
                """, user.run("auth", "whoami").assertSuccess().out());
        Kubectl.Result refused = user.run("get", "pods");
        assertEquals(1, refused.exitCode());
        assertEquals("Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\""
                + " in the namespace \"default\"\n", refused.err());

        admin.run("create", "rolebinding", "jane-views", "--clusterrole=view", "--group=ops").assertSuccess();
        assertEquals("No resources found in default namespace.\n", user.run("get", "pods").assertSuccess().err());
        assertEquals("no\n", user.run("auth", "can-i", "create", "pods").out());
    }

    @Test
    void aServiceAccountTokenAuthenticatesOverTlsAndNoCredentialsIsAnonymous() throws Exception {
        String token = Eventually.until("a token of the default service account",
                () -> admin.run("create", "token", "default").out().trim(), out -> !out.isEmpty());
        Kubectl robot = kubectlWithAdminConfCopy(Files.createDirectories(dataDir().resolve("user-sa")));
        robot.run("config", "set-credentials", "robot", "--token=" + token).assertSuccess();
        robot.run("config", "set-context", "jk8s", "--user=robot").assertSuccess();
        assertEquals("system:serviceaccount:default:default",
                robot.run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").assertSuccess().out());
        Kubectl.Result refused = robot.run("get", "pods");
        assertEquals("Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:default:default\" cannot list"
                + " resource \"pods\" in API group \"\" in the namespace \"default\"\n", refused.err());
        robot.run("config", "set-credentials", "robot", "--token=not-a-token").assertSuccess();
        assertEquals("error: You must be logged in to the server (Unauthorized)\n", robot.run("get", "pods").err());

        HttpClient anonymous = HttpClient.newBuilder().sslContext(trusting(dataDir().resolve("pki").resolve("ca.crt"))).build();
        String server = admin.run("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}").out();
        HttpResponse<String> version = anonymous.send(HttpRequest.newBuilder(URI.create(server + "/version")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, version.statusCode(), version.body());
        HttpResponse<String> namespaces = anonymous.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/namespaces")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, namespaces.statusCode());
        JsonNode status = JSON.readTree(namespaces.body());
        assertEquals("namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\""
                + " at the cluster scope", status.get("message").asText());
    }

    @Test
    void theClientLibrariesUseAdminConfAsItIs() throws Exception {
        String kubeconfig = Files.readString(dataDir().resolve("admin.conf"));
        try (KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
            assertTrue(fabric8.getMasterUrl().toString().startsWith("https://"), fabric8.getMasterUrl().toString());
            assertTrue(fabric8.namespaces().list().getItems().stream().anyMatch(n -> n.getMetadata().getName().equals("kube-system")));
            assertEquals("kubernetes-admin", fabric8.resource(new SelfSubjectReview()).create().getStatus().getUserInfo()
                    .getUsername());
        }
        ApiClient official = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(kubeconfig))).build();
        assertTrue(official.getBasePath().startsWith("https://"), official.getBasePath());
        assertTrue(new CoreV1Api(official).listNamespace().execute().getItems().stream()
                .anyMatch(n -> n.getMetadata().getName().equals("kube-system")));
    }

    @Test
    void theServingCertificateIsKeptAcrossRestarts() throws Exception {
        byte[] serving = Files.readAllBytes(dataDir().resolve("pki").resolve("apiserver.crt"));
        cluster.server().restart();
        assertArrayEquals(serving, Files.readAllBytes(dataDir().resolve("pki").resolve("apiserver.crt")));
        assertEquals("kubernetes-admin", admin.run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").assertSuccess().out());
    }

    /** A kubectl on a copy of admin.conf in {@code dir}, whose credentials a test then changes with kubectl config. */
    private static Kubectl kubectlWithAdminConfCopy(Path dir) throws IOException {
        Files.copy(dataDir().resolve("admin.conf"), dir.resolve("kubeconfig"));
        return new Kubectl(dir.resolve("kubeconfig"), dir.resolve("home"));
    }

    private static Path dataDir() {
        return cluster.server().kubeconfig().getParent();
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caFile))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
