package io.jk8s.node.kubelet.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /portForward/<namespace>/<pod>}: kubectl port-forward's connections to ports of the pod.
 * kubectl 1.32 tunnels SPDY/3.1 through a WebSocket (subprotocol {@code SPDY/3.1+portforward.k8s.io},
 * client-go tools/portforward/tunneling_connection.go, apiserver util/proxy/streamtunnel.go); inside
 * it, each forwarded connection is a pair of SPDY streams, {@code streamtype: error} and
 * {@code streamtype: data}, with the same {@code requestid} and the {@code port}
 * (k8s.io/apimachinery/pkg/util/portforward, kubelet cri/streaming/portforward/httpstream.go). The
 * data stream is joined to the pod's IP and port, which this host reaches on the pod network.
 * Client libraries use the older channel protocol instead ({@link ChannelPortForward}).
 */
final class PortForward {

    static final String TUNNELING_PROTOCOL = "SPDY/3.1+portforward.k8s.io";

    private final KubeletHost host;
    private final NetClient pods;

    PortForward(Vertx vertx, KubeletHost host) {
        this.host = host;
        this.pods = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000));
    }

    void serve(HttpServerRequest request, String namespace, String podName) {
        Pod pod = host.podByName(namespace, podName).orElse(null);
        if (pod == null) {
            KubeletServer.text(request.response(), 404, "pod does not exist");
            return;
        }
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (podIp == null || podIp.isEmpty()) {
            KubeletServer.text(request.response(), 500, "pod " + podName + " has no IP yet");
            return;
        }
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            KubeletServer.text(request.response(), 400, "Upgrade request required");
            return;
        }
        List<Integer> ports = new ArrayList<>();
        // the apiserver passes pods/portforward's "ports"; kube's own apiserver rewrites it as "port"
        for (String list : request.params().getAll("ports").isEmpty() ? request.params().getAll("port") : request.params().getAll("ports")) {
            for (String port : list.split(",")) {
                try {
                    ports.add(Integer.parseInt(port.trim()));
                } catch (NumberFormatException e) {
                    KubeletServer.text(request.response(), 400, "unable to parse \"" + list + "\" as a port: " + e.getMessage());
                    return;
                }
            }
        }
        String uid = pod.getMetadata().getUid();
        request.toWebSocket().onSuccess(socket -> {
            if (TUNNELING_PROTOCOL.equals(socket.subProtocol())) {
                new SpdyTunnel(socket, pods, podIp, podName, uid).start();
            } else if (ports.isEmpty()) {
                socket.close((short) 1011, "query parameter \"port\" is required");
            } else {
                new ChannelPortForward(socket, pods, podIp, podName, uid, ports).start();
            }
        });
    }
}
