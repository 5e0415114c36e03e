package io.jk8s.api.proxy;

/**
 * Where a connect request goes (kube's *Location functions return a URL): a kubelet (HTTPS) or a pod
 * or service endpoint (HTTP unless the request names https).
 *
 * @param uri path and query, already encoded
 */
public record ConnectTarget(boolean ssl, String host, int port, String uri) {

    @Override
    public String toString() {
        return (ssl ? "https://" : "http://") + host + ":" + port + uri;
    }
}
