package io.jk8s.server;

import io.jk8s.api.discovery.VersionInfo;

/** The User-Agent kube's binaries send ({@code kubelet/v1.32.4 (linux/amd64) kubernetes/...}); kube names a write's field manager after it. */
final class ComponentUserAgent {

    private ComponentUserAgent() {}

    static String of(String component) {
        return component + "/" + VersionInfo.GIT_VERSION + " (linux/amd64) kubernetes/jk8s";
    }
}
