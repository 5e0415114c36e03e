package io.jk8s.api.registry.core;

import io.jk8s.api.registry.Subresource;
import java.util.List;

/**
 * The connect subresources (kube's rest.Connecter storages): requests the API server forwards to a
 * kubelet or a pod instead of storing anything. Their kinds are the options types discovery reports
 * (pkg/registry/core/pod/rest/subresources.go, node/rest/proxy.go, service/proxy.go).
 */
public final class ConnectSubresources {

    private static final List<String> PROXY_VERBS = List.of("create", "delete", "get", "patch", "update");
    private static final List<String> STREAM_VERBS = List.of("create", "get");

    public static final Subresource POD_ATTACH = new Subresource("attach", "", "v1", "PodAttachOptions", STREAM_VERBS);
    public static final Subresource POD_EXEC = new Subresource("exec", "", "v1", "PodExecOptions", STREAM_VERBS);
    public static final Subresource POD_LOG = new Subresource("log", "", "v1", "Pod", List.of("get"));
    public static final Subresource POD_PORTFORWARD = new Subresource("portforward", "", "v1", "PodPortForwardOptions", STREAM_VERBS);
    public static final Subresource POD_PROXY = new Subresource("proxy", "", "v1", "PodProxyOptions", PROXY_VERBS);
    public static final Subresource SERVICE_PROXY = new Subresource("proxy", "", "v1", "ServiceProxyOptions", PROXY_VERBS);
    public static final Subresource NODE_PROXY = new Subresource("proxy", "", "v1", "NodeProxyOptions", PROXY_VERBS);

    private static final java.util.Set<Subresource> ALL = java.util.Set.of(POD_ATTACH, POD_EXEC, POD_LOG, POD_PORTFORWARD,
            POD_PROXY, SERVICE_PROXY, NODE_PROXY);

    private ConnectSubresources() {}

    /** Whether requests to {@code sub} are forwarded rather than served from the store (no object schema). */
    public static boolean isConnect(Subresource sub) {
        return ALL.contains(sub);
    }
}
