package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers a node and keeps it alive the way kubelet does: the Node object once (updated if it
 * already exists), a Lease in {@code kube-node-lease} renewed every 10 s, and the node's
 * conditions' heartbeat refreshed less often (kubelet's nodeStatusReportFrequency, 5 min, or on change).
 */
public final class NodeHeartbeat {

    public static final String LEASE_NAMESPACE = "kube-node-lease";
    public static final int LEASE_DURATION_SECONDS = 40;

    private final KubernetesClient client;
    private final NodeRegistration registration;
    private final Clock clock;
    private final NodeEvents events;
    /** The Lease as last written: renewed from it without a GET (component-helpers lease/controller.go, latestLease). */
    private volatile Lease latestLease;

    public NodeHeartbeat(KubernetesClient client, NodeRegistration registration, Clock clock, NodeEvents events) {
        this.client = client;
        this.registration = registration;
        this.clock = clock;
        this.events = events;
    }

    public Node register() {
        Node wanted = registration.node(now());
        Node existing = client.nodes().withName(registration.name()).get();
        Node node;
        if (existing == null) {
            node = client.nodes().resource(wanted).create();
        } else {
            node = existing;
        }
        // status is not writable on create (spec/status split): report it through /status
        Node withStatus = client.getKubernetesSerialization().clone(node);
        withStatus.setStatus(wanted.getStatus());
        Node reported = client.nodes().resource(withStatus).updateStatus();
        events.conditionsChanged(existing == null || existing.getStatus() == null ? null : existing.getStatus().getConditions(),
                wanted.getStatus().getConditions());
        return reported;
    }

    /**
     * Renews (or creates) the node's Lease: what the node lifecycle controller watches. The last
     * written Lease is updated directly; only when that fails (conflict, deleted) is it read again.
     */
    public void renewLease(Node node) {
        ZonedDateTime micro = ZonedDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        Lease latest = latestLease;
        if (latest != null) {
            latest.getSpec().setRenewTime(micro);
            try {
                latestLease = client.leases().inNamespace(LEASE_NAMESPACE).resource(latest).update();
                return;
            } catch (KubernetesClientException e) {
                latestLease = null;
                if (e.getCode() != 409 && e.getCode() != 404) {
                    throw e;
                }
            }
        }
        Lease existing = client.leases().inNamespace(LEASE_NAMESPACE).withName(registration.name()).get();
        if (existing == null) {
            Lease lease = new LeaseBuilder()
                    .withNewMetadata().withName(registration.name()).withNamespace(LEASE_NAMESPACE)
                    .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(node.getMetadata().getName())
                    .withUid(node.getMetadata().getUid()).endOwnerReference()
                    .endMetadata()
                    .withNewSpec().withHolderIdentity(registration.name()).withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
                    .withRenewTime(micro).endSpec()
                    .build();
            try {
                latestLease = client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            return;
        }
        existing.getSpec().setRenewTime(micro);
        latestLease = client.leases().inNamespace(LEASE_NAMESPACE).resource(existing).update();
    }

    /** Refreshes the heartbeat times of the node's conditions. */
    public void reportStatus() {
        Node node = client.nodes().withName(registration.name()).get();
        if (node == null) {
            register();
            return;
        }
        String now = now();
        List<NodeCondition> conditions = new ArrayList<>();
        for (NodeCondition fresh : NodeRegistration.conditions(now)) {
            NodeCondition old = node.getStatus().getConditions() == null ? null : node.getStatus().getConditions().stream()
                    .filter(c -> c.getType().equals(fresh.getType())).findFirst().orElse(null);
            if (old != null && old.getStatus().equals(fresh.getStatus())) {
                fresh.setLastTransitionTime(old.getLastTransitionTime());
            }
            conditions.add(fresh);
        }
        List<NodeCondition> before = node.getStatus().getConditions();
        node.getStatus().setConditions(conditions);
        client.nodes().resource(node).updateStatus();
        events.conditionsChanged(before, conditions);
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
