package io.jk8s.node.kubelet;

import java.nio.file.Path;

/**
 * What a kubelet is told at start (a few fields of kubelet's KubeletConfiguration and flags).
 *
 * @param nodeName      the Node it registers (kubelet's --hostname-override; default the host name)
 * @param rootDir       its own directory (--root-dir): pod volumes live under it
 * @param staticPodPath the manifest directory of static pods (staticPodPath / --pod-manifest-path), or null for none
 */
public record KubeletConfiguration(String nodeName, Path rootDir, Path staticPodPath) {

    /** The node name kubelet uses without --hostname-override: the host name in lower case. */
    public static String defaultNodeName() {
        return MachineInfo.hostname();
    }
}
