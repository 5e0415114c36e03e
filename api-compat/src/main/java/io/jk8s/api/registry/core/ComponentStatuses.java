package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.ComponentCondition;
import io.fabric8.kubernetes.api.model.ComponentStatus;
import io.fabric8.kubernetes.api.model.ComponentStatusBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.ReadOnlyResource;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * core/v1 componentstatuses (pkg/registry/core/componentstatus/rest.go): one Healthy condition per
 * control-plane component, probed on each request. kube-apiserver probes the scheduler's and the
 * controller manager's /healthz; here both are the controllers that hold the Lease
 * kube-system/kube-controller-manager (in process or a separate {@code jk8s controller-manager}),
 * so they are healthy while that Lease has a holder and is fresh. The storage row keeps kube's
 * name for the first storage backend, {@code etcd-0}, which scripts and monitoring check for; it
 * is healthy when a read from the store (RocksDB) succeeds.
 */
public final class ComponentStatuses implements ReadOnlyResource<ComponentStatus>, Strategy<ComponentStatus> {

    static final String LEASE_NAMESPACE = "kube-system";
    static final String LEASE_NAME = "kube-controller-manager";

    private final Clock clock;
    private ResourceStore<Lease> leases;
    private ResourceStore<Namespace> namespaces;

    public ComponentStatuses() {
        this(Clock.systemUTC());
    }

    ComponentStatuses(Clock clock) {
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void attach(Registry registry) {
        leases = registry.storeFor((ResourceType<Lease>) registry.table().find("coordination.k8s.io", "v1", "leases").orElseThrow());
        namespaces = registry.storeFor((ResourceType<Namespace>) registry.table().find("", "v1", "namespaces").orElseThrow());
    }

    @Override
    public List<ComponentStatus> list() {
        Probe controllers = controllerManager();
        return List.of(status("scheduler", controllers), status("controller-manager", controllers), status("etcd-0", storage()));
    }

    /** v1 ComponentStatus carries APILifecycleDeprecated 1.19 (k8s.io/api/core/v1), so every answer has this warning. */
    @Override
    public String deprecationWarning() {
        return "v1 ComponentStatus is deprecated in v1.19+";
    }

    /** printers.go printComponentStatus: the Healthy condition's status, message and error. */
    @Override
    public List<TableColumn<ComponentStatus>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Status", "string", "Status of the component conditions",
                        (cs, now) -> healthy(cs) == null ? "Unknown" : "True".equals(healthy(cs).getStatus()) ? "Healthy" : "Unhealthy"),
                TableColumn.of("Message", "string", "Message of the component conditions",
                        (cs, now) -> healthy(cs) == null ? "" : orEmpty(healthy(cs).getMessage())),
                TableColumn.of("Error", "string", "Error of the component conditions",
                        (cs, now) -> healthy(cs) == null ? "" : orEmpty(healthy(cs).getError())));
    }

    /** A probe's outcome; as kube's HTTP prober, a failed check is status False with the reason as its message. */
    private record Probe(boolean ok, String message) {}

    private Probe controllerManager() {
        String lease = "Lease " + LEASE_NAMESPACE + "/" + LEASE_NAME;
        Lease current;
        try {
            current = leases.get(LEASE_NAMESPACE, LEASE_NAME);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return new Probe(false, "no controller manager is running: " + lease + " not found");
            }
            throw e;
        }
        var spec = current.getSpec();
        if (spec == null || spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty()) {
            return new Probe(false, "no controller manager is leading: " + lease + " has no holder");
        }
        if (spec.getRenewTime() == null || spec.getLeaseDurationSeconds() == null) {
            return new Probe(false, lease + " held by " + spec.getHolderIdentity() + " has never been renewed");
        }
        Instant expires = spec.getRenewTime().toInstant().plusSeconds(spec.getLeaseDurationSeconds());
        if (expires.isBefore(clock.instant())) {
            return new Probe(false, lease + " held by " + spec.getHolderIdentity() + " expired at " + expires);
        }
        return new Probe(true, "ok");
    }

    private Probe storage() {
        try {
            namespaces.get(null, "kube-system");
            return new Probe(true, "ok");
        } catch (ApiException e) {
            return e.code() == 404 ? new Probe(true, "ok") : new Probe(false, e.getMessage());
        } catch (RuntimeException e) {
            return new Probe(false, "storage read failed: " + e.getMessage());
        }
    }

    private static ComponentStatus status(String name, Probe probe) {
        return new ComponentStatusBuilder().withNewMetadata().withName(name).endMetadata()
                .addNewCondition().withType("Healthy").withStatus(probe.ok() ? "True" : "False").withMessage(probe.message())
                .endCondition().build();
    }

    private static ComponentCondition healthy(ComponentStatus cs) {
        return cs.getConditions() == null ? null
                : cs.getConditions().stream().filter(c -> "Healthy".equals(c.getType())).findFirst().orElse(null);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
