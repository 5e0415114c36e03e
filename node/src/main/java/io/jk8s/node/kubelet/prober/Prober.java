package io.jk8s.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.ExecRequest;
import io.jk8s.node.runtime.ExecSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs one exec, httpGet or tcpSocket action against a container, as kubelet's
 * {@code pkg/kubelet/prober/prober.go} and its {@code probe/{exec,http,tcp}} packages do. The same
 * actions serve lifecycle hooks. Pod IPs on the jk8s Docker network are routed from this host, so
 * network checks dial the pod IP directly.
 */
public final class Prober {

    /** kubelet's User-Agent for probes: {@code kube-probe/<major>.<minor>}. */
    static final String USER_AGENT = "kube-probe/1.32";

    private final ContainerRuntime runtime;
    private final HttpClient http;

    public Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
        // kubelet probes HTTPS without verifying the certificate (probe/http: InsecureSkipVerify)
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).sslContext(trustAll())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The outcome of one check; {@code output} explains a failure. */
    public record Result(boolean success, String output) {}

    public Result exec(String containerId, ExecAction action, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecSession session = runtime.exec(containerId, new ExecRequest(action.getCommand(), false, false), out, out)) {
            int code = session.awaitExitCode(timeout);
            return new Result(code == 0, "command " + action.getCommand() + " exited with " + code + ": " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        } catch (RuntimeException e) {
            return new Result(false, "command " + action.getCommand() + " timed out or failed: " + e.getMessage());
        }
    }

    public Result httpGet(HTTPGetAction action, Container container, String podIp, Duration timeout) {
        String host = action.getHost() == null || action.getHost().isEmpty() ? podIp : action.getHost();
        String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase();
        String path = action.getPath() == null ? "" : action.getPath();
        if (!path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
        try {
            URI uri = URI.create(scheme + "://" + host + ":" + port(action.getPort(), container) + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            boolean agent = false;
            boolean accept = false;
            for (HTTPHeader h : action.getHttpHeaders() == null ? List.<HTTPHeader>of() : action.getHttpHeaders()) {
                if (h.getName().equalsIgnoreCase("Host")) {
                    continue; // java.net.http sets Host from the URI and refuses it as a header
                }
                request.header(h.getName(), h.getValue());
                agent |= h.getName().equalsIgnoreCase("User-Agent");
                accept |= h.getName().equalsIgnoreCase("Accept");
            }
            if (!agent) {
                request.header("User-Agent", USER_AGENT);
            }
            if (!accept) {
                request.header("Accept", "*/*");
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            // probe/http: 200 <= code < 400 is success
            return new Result(code >= 200 && code < 400, "HTTP probe failed with statuscode: " + code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        } catch (IOException | RuntimeException e) {
            return new Result(false, "Get \"" + scheme + "://" + host + path + "\": " + e);
        }
    }

    public Result tcpSocket(TCPSocketAction action, Container container, String podIp, Duration timeout) {
        String host = action.getHost() == null || action.getHost().isEmpty() ? podIp : action.getHost();
        String address = host;
        try (Socket socket = new Socket()) {
            int port = port(action.getPort(), container);
            address = host + ":" + port;
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return new Result(true, "");
        } catch (IOException | RuntimeException e) {
            return new Result(false, "dial tcp " + address + ": " + e.getMessage());
        }
    }

    /** A number, or the name of one of the container's ports (kubelet's {@code findPortByName}). */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("no port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        for (ContainerPort p : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
            if (name.equals(p.getName())) {
                return p.getContainerPort();
            }
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("couldn't find port: " + name + " in " + container.getName());
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
