package io.jk8s.conformance.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A key made with the JDK's keytool, as a user without openssl would, and its PKCS#10 request
 * (PEM), for CertificateSigningRequests.
 */
public record KeytoolKey(Path keystore, String request) {

    private static final String PASSWORD = "changeit";

    /** @param subject an X.500 name such as {@code CN=alice, O=dev} */
    public static KeytoolKey create(Path dir, String subject) throws Exception {
        Path keystore = dir.resolve("key.p12");
        Path request = dir.resolve("request.pem");
        keytool("-genkeypair", "-alias", "me", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "me", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-file", request.toString());
        // keytool labels the block the old way (NEW CERTIFICATE REQUEST); kube wants PKCS#10's own label
        String pem = Files.readString(request).replace("NEW CERTIFICATE REQUEST", "CERTIFICATE REQUEST");
        return new KeytoolKey(keystore, pem);
    }

    /** A CertificateSigningRequest of this key's request, as a user writes one. */
    public String csrManifest(String name, String signer, Integer expirationSeconds, String... usages) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: certificates.k8s.io/v1
                kind: CertificateSigningRequest
                metadata:
                  name: %s
                spec:
                  request: %s
                  signerName: %s
                """.formatted(name, Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.US_ASCII)), signer));
        if (expirationSeconds != null) {
            yaml.append("  expirationSeconds: ").append(expirationSeconds).append('\n');
        }
        if (usages.length > 0) {
            yaml.append("  usages:\n");
            for (String usage : usages) {
                yaml.append("  - ").append(usage).append('\n');
            }
        }
        return yaml.toString();
    }

    /** keytool's self-signed certificate of the key: its subject and public key are the request's. */
    public X509Certificate certificate() throws Exception {
        return (X509Certificate) load().getCertificate("me");
    }

    /** The private key as PKCS#8 PEM, the form kubectl's client-key takes. */
    public String privateKeyPem() throws Exception {
        byte[] pkcs8 = load().getKey("me", PASSWORD.toCharArray()).getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    private KeyStore load() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
    }
}
