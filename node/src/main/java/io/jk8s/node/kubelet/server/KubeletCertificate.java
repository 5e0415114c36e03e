package io.jk8s.node.kubelet.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kubelet's self-signed serving certificate, made once and kept under its root directory as
 * kubelet does ({@code <root-dir>/pki/kubelet.crt}, when no --tls-cert-file is given). kube-apiserver
 * does not verify it unless told to (--kubelet-certificate-authority). The JDK's keytool makes it:
 * the JDK has no public API for X.509 generation and jk8s carries no crypto library.
 */
final class KubeletCertificate {

    static final String PASSWORD = "kubelet";

    private KubeletCertificate() {}

    /** The PKCS#12 keystore with the key and certificate, created on first use. */
    static Path ensure(Path pkiDir, String nodeName) {
        Path keystore = pkiDir.resolve("kubelet.p12");
        if (Files.exists(keystore)) {
            return keystore;
        }
        try {
            Files.createDirectories(pkiDir);
            Path partial = pkiDir.resolve("kubelet.p12.tmp");
            Files.deleteIfExists(partial);
            Process keytool = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "kubelet", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + nodeName + "@" + System.currentTimeMillis() / 1000,
                    "-ext", "SAN=DNS:" + nodeName + ",DNS:localhost,IP:127.0.0.1",
                    "-validity", "365", "-storetype", "PKCS12",
                    "-keystore", partial.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            Files.move(partial, keystore);
            return keystore;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the kubelet serving certificate in " + pkiDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
