package io.jk8s.node.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
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

    private Network find(DockerClient docker) {
        try {
            return docker.inspectNetworkCmd().withNetworkId(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
