package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Docker bridge network that pod sandboxes join; jk8s creates it and owns it (label
 * {@link PodLabels#MANAGED}). Its own network rather than docker0, so the pod subnet is known and
 * Docker's default bridge (no name resolution, shared with users' containers) stays out of it.
 */
public record PodNetwork(String name, String subnet) {

    public static final PodNetwork DEFAULT = new PodNetwork("jk8s", "10.244.0.0/16");

    /** Creates the network unless it exists; refuses one of that name that jk8s did not create. */
    public void ensure(DockerClient docker) {
        Network existing = find(docker);
        if (existing == null) {
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)))
                        .withLabels(Map.of(PodLabels.MANAGED, "true"))
                        .exec();
                return;
            } catch (ConflictException raced) {
                existing = find(docker); // another node process created it first
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot create Docker network " + name + " with subnet " + subnet
                        + " (does another network use that range?): " + e.getMessage(), e);
            }
        }
        if (existing == null || !"true".equals(existing.getLabels().get(PodLabels.MANAGED))) {
            throw new IllegalStateException("a Docker network named " + name + " exists that jk8s did not create;"
                    + " remove it or choose another name");
        }
    }

    /** The Linux bridge behind the network: Docker's {@code br-<first 12 of the id>} unless the network names one. */
    public String bridgeInterface(DockerClient docker) {
        Network network = find(docker);
        if (network == null) {
            throw new IllegalStateException("Docker network " + name + " does not exist");
        }
        String named = network.getOptions() == null ? null : network.getOptions().get("com.docker.network.bridge.name");
        return named != null ? named : "br-" + network.getId().substring(0, 12);
    }

    /**
     * Turns on hairpin mode on every port of the bridge (kubelet's {@code --hairpin-mode=hairpin-veth}):
     * a pod that reaches itself through a Service's cluster IP is DNATed back to its own address, and the
     * bridge sends such a frame out of the port it came in on only in hairpin mode. Every port of this
     * bridge is a jk8s pod. Returns false when sysfs cannot be written (not root).
     */
    public static boolean enableHairpin(String bridge) {
        try (DirectoryStream<Path> ports = Files.newDirectoryStream(Path.of("/sys/class/net", bridge, "brif"))) {
            for (Path port : ports) {
                Path mode = port.resolve("hairpin_mode");
                if (!Files.readString(mode).strip().equals("1")) {
                    Files.writeString(mode, "1");
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Network find(DockerClient docker) {
        try {
            return docker.inspectNetworkCmd().withNetworkId(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
