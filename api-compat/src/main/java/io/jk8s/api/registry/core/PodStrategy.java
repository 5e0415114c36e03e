package io.jk8s.api.registry.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.node.PodRuntimeClass;
import io.jk8s.api.registry.scheduling.PodPriority;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pods (pkg/registry/core/pod/strategy.go), with what kube-apiserver's default admission plugins
 * add on create, in their order: the ServiceAccount plugin's default account, the Priority plugin's
 * priority and preemption policy, DefaultTolerationSeconds' not-ready/unreachable tolerations and the
 * RuntimeClass plugin's overhead and scheduling constraints.
 */
public final class PodStrategy implements Strategy<Pod> {

    static final String IMMUTABLE_SPEC = "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
            + "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
    private static final List<String> RESOURCES = List.of("cpu", "memory");

    private final PodEphemeralContainers ephemeralContainers = new PodEphemeralContainers();
    private PodPriority priority;
    private PodRuntimeClass runtimeClass;

    @Override
    public void attach(Registry registry) {
        priority = new PodPriority(registry);
        runtimeClass = new PodRuntimeClass(registry);
    }

    @Override
    public java.util.Optional<io.jk8s.api.registry.SubresourceUpdate<Pod>> subresourceUpdate(String subresource) {
        return subresource.equals(PodEphemeralContainers.SUBRESOURCE.name()) ? java.util.Optional.of(ephemeralContainers)
                : java.util.Optional.empty();
    }

    /** kube's pods and services stores set ReturnDeletedObject (registry/core/pod/storage/storage.go): DELETE answers the object. */
    @Override
    public boolean returnDeletedObject() {
        return true;
    }

    @Override
    public void applyDefaults(Pod pod) {
        PodSpec spec = PodColumns.spec(pod);
        pod.setSpec(spec);
        PodSpecDefaults.apply(spec);
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        for (Container c : PodSpecDefaults.orEmpty(spec.getContainers())) {
            defaultRequestsToLimits(c);
        }
    }

    @Override
    public void prepareForCreate(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec.getServiceAccountName() == null || spec.getServiceAccountName().isEmpty()) {
            spec.setServiceAccountName(spec.getServiceAccount() == null || spec.getServiceAccount().isEmpty()
                    ? "default" : spec.getServiceAccount());
        }
        spec.setServiceAccount(spec.getServiceAccountName());
        priority.admitCreate(pod);
        addDefaultTolerations(spec);
        runtimeClass.admitCreate(pod);
        PodStatus status = new PodStatus();
        status.setPhase("Pending");
        status.setQosClass(qosClass(spec));
        pod.setStatus(status);
    }

    @Override
    public void prepareForUpdate(Pod pod, Pod old) {
        priority.admitUpdate(pod, old);
    }

    /**
     * CheckGracefulDelete: a pod on a node gets its termination grace period (or the client's) for
     * the kubelet to stop it; a pod never scheduled, or already finished, goes at once.
     */
    @Override
    public long deletionGracePeriod(Pod pod, Long requested) {
        long period = requested != null ? requested
                : pod.getSpec() != null && pod.getSpec().getTerminationGracePeriodSeconds() != null
                ? pod.getSpec().getTerminationGracePeriodSeconds() : 0;
        String phase = PodColumns.status(pod).getPhase();
        if (PodColumns.spec(pod).getNodeName() == null || PodColumns.spec(pod).getNodeName().isEmpty()
                || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return 0;
        }
        return Math.max(period, 0);
    }

    /** ValidatePodCreate: ephemeral containers only come through pods/ephemeralcontainers. */
    @Override
    public List<FieldError> validate(Pod pod) {
        List<FieldError> errors = new ArrayList<>(PodSpecValidation.validate(PodColumns.spec(pod), "spec"));
        if (!PodSpecDefaults.orEmpty(PodColumns.spec(pod).getEphemeralContainers()).isEmpty()) {
            errors.add(FieldError.forbidden("spec.ephemeralContainers", "cannot be set on create"));
        }
        return errors;
    }

    /** ValidatePodUpdate: spec.ephemeralContainers is not among the updatable fields, so changing it is forbidden here. */
    @Override
    public List<FieldError> validateUpdate(Pod pod, Pod old) {
        List<FieldError> errors = new ArrayList<>(PodSpecValidation.validate(PodColumns.spec(pod), "spec"));
        if (!mutableFieldsOnly(PodColumns.spec(pod), PodColumns.spec(old))) {
            errors.add(FieldError.forbidden("spec", IMMUTABLE_SPEC));
        }
        return errors;
    }

    @Override
    public List<TableColumn<Pod>> tableColumns() {
        return PodColumns.columns();
    }

    @Override
    public Map<String, Function<Pod, String>> fieldLabels() {
        return Map.of(
                "spec.nodeName", p -> PodColumns.spec(p).getNodeName(),
                "spec.restartPolicy", p -> PodColumns.spec(p).getRestartPolicy(),
                "spec.schedulerName", p -> PodColumns.spec(p).getSchedulerName(),
                "spec.serviceAccountName", p -> PodColumns.spec(p).getServiceAccountName(),
                "spec.hostNetwork", p -> Boolean.toString(Boolean.TRUE.equals(PodColumns.spec(p).getHostNetwork())),
                "status.phase", p -> PodColumns.status(p).getPhase(),
                "status.podIP", p -> PodColumns.status(p).getPodIP(),
                "status.nominatedNodeName", p -> PodColumns.status(p).getNominatedNodeName());
    }

    /** ValidatePodUpdate: everything but images, activeDeadlineSeconds, tolerations and the grace period is fixed. */
    private static boolean mutableFieldsOnly(PodSpec spec, PodSpec old) {
        ObjectNode next = ObjectCodec.JSON.valueToTree(spec);
        ObjectNode previous = ObjectCodec.JSON.valueToTree(old);
        for (String field : List.of("activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds")) {
            next.remove(field);
            previous.remove(field);
        }
        for (String list : List.of("containers", "initContainers")) {
            next.withArray(list).forEach(c -> ((ObjectNode) c).remove("image"));
            previous.withArray(list).forEach(c -> ((ObjectNode) c).remove("image"));
        }
        return next.equals(previous);
    }

    /** SetDefaults_Pod: a limit without a request requests the limit. */
    private static void defaultRequestsToLimits(Container container) {
        var resources = container.getResources();
        if (resources == null || resources.getLimits() == null || resources.getLimits().isEmpty()) {
            return;
        }
        Map<String, Quantity> requests = new HashMap<>(resources.getRequests() == null ? Map.of() : resources.getRequests());
        resources.getLimits().forEach(requests::putIfAbsent);
        resources.setRequests(new java.util.TreeMap<>(requests));
    }

    private static void addDefaultTolerations(PodSpec spec) {
        List<Toleration> tolerations = new ArrayList<>(PodSpecDefaults.orEmpty(spec.getTolerations()));
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            boolean present = tolerations.stream().anyMatch(t -> t.getKey() == null || key.equals(t.getKey()));
            if (!present) {
                tolerations.add(new Toleration("NoExecute", key, "Exists", 300L, null));
            }
        }
        spec.setTolerations(tolerations);
    }

    /** qos.GetPodQOS over cpu and memory. */
    static String qosClass(PodSpec spec) {
        List<Container> all = new ArrayList<>(PodSpecDefaults.orEmpty(spec.getContainers()));
        all.addAll(PodSpecDefaults.orEmpty(spec.getInitContainers()));
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : all) {
            Map<String, Quantity> requests = c.getResources() == null || c.getResources().getRequests() == null
                    ? Map.of() : c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources() == null || c.getResources().getLimits() == null
                    ? Map.of() : c.getResources().getLimits();
            for (String r : RESOURCES) {
                boolean hasRequest = nonZero(requests.get(r));
                boolean hasLimit = nonZero(limits.get(r));
                any |= hasRequest || hasLimit;
                if (!hasLimit || !Objects.equals(amount(requests.get(r)), amount(limits.get(r)))) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    private static boolean nonZero(Quantity q) {
        return q != null && amount(q).signum() != 0;
    }

    private static java.math.BigDecimal amount(Quantity q) {
        return q == null ? null : Quantity.getAmountInBytes(q).stripTrailingZeros();
    }
}
