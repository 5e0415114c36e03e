package io.jk8s.node.kubelet.server;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** What the streaming server needs from its kubelet (kubelet's server.HostInterface): the pods it was given. */
public interface KubeletHost {

    /** The pod bound to this node, as the kubelet last saw it (spec and reported status). */
    Optional<Pod> podByName(String namespace, String name);

    /** Every pod bound to this node (kubelet's {@code /pods}). */
    List<Pod> pods();
}
