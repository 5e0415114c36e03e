package io.jk8s.api;

import java.nio.file.Path;

/**
 * The HTTPS port (kube-apiserver's --secure-port, --tls-cert-file, --tls-private-key-file,
 * --client-ca-file): clients verify the server by the serving certificate and may present a client
 * certificate from {@code clientCaFile}'s CA, which names their user. PEM files; 0 picks a free port.
 */
public record SecureServing(int port, Path certFile, Path keyFile, Path clientCaFile) {}
