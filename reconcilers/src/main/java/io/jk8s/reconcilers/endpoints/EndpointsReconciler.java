package io.jk8s.reconcilers.endpoints;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps each selector Service's Endpoints equal to its pods (kube's endpoints controller): ready
 * pods under {@code addresses}, the others under {@code notReadyAddresses}, target ports resolved
 * per pod (named ports by the container's port name), pods grouped into subsets by port set. A
 * Service without a selector is left to whoever manages its Endpoints.
 */
public final class EndpointsReconciler implements Reconciler {

    private final KubernetesClient client;
    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final EndpointSliceMirror slices;

    public EndpointsReconciler(KubernetesClient client, Indexer<Service> services, Indexer<Pod> pods, EndpointSliceMirror slices) {
        this.client = client;
        this.services = services;
        this.pods = pods;
        this.slices = slices;
    }

    @Override
    public Duration reconcile(String key) {
        Service service = services.getByKey(key);
        String[] parts = key.split("/", 2);
        if (service == null) {
            client.endpoints().inNamespace(parts[0]).withName(parts[1]).delete();
            return null;
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return null;
        }
        List<Pod> selected = new ArrayList<>();
        for (Pod pod : pods.byIndex(Cache.NAMESPACE_INDEX, parts[0])) {
            Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
            if (labels.entrySet().containsAll(selector.entrySet()) && pod.getStatus() != null && pod.getStatus().getPodIP() != null
                    && PodConditions.isActive(pod)) {
                selected.add(pod);
            }
        }
        selected.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        Endpoints wanted = endpoints(service, selected);
        Endpoints existing = client.endpoints().inNamespace(parts[0]).withName(parts[1]).get();
        if (existing == null) {
            client.endpoints().inNamespace(parts[0]).resource(wanted).create();
        } else if (!Objects.equals(existing.getSubsets(), wanted.getSubsets())
                || !Objects.equals(existing.getMetadata().getLabels(), wanted.getMetadata().getLabels())) {
            existing.setSubsets(wanted.getSubsets());
            existing.getMetadata().setLabels(wanted.getMetadata().getLabels());
            client.endpoints().inNamespace(parts[0]).resource(existing).update();
        }
        slices.sync(service, selected, this::portsFor);
        return null;
    }

    private Endpoints endpoints(Service service, List<Pod> selected) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        Map<List<EndpointPort>, EndpointSubsetBuilder> subsets = new LinkedHashMap<>();
        for (Pod pod : selected) {
            List<EndpointPort> ports = portsFor(service, pod);
            EndpointSubsetBuilder subset = subsets.computeIfAbsent(ports, p -> new EndpointSubsetBuilder().withPorts(p));
            EndpointAddress address = new EndpointAddressBuilder()
                    .withIp(pod.getStatus().getPodIP())
                    .withNodeName(pod.getSpec().getNodeName())
                    .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                            .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build())
                    .build();
            if (PodConditions.isReady(pod) || publishNotReady) {
                subset.addToAddresses(address);
            } else {
                subset.addToNotReadyAddresses(address);
            }
        }
        List<EndpointSubset> built = subsets.values().stream().map(EndpointSubsetBuilder::build).toList();
        // endpoints.RepackSubsets' canonical order: addresses by IP (bytewise), then target uid
        Comparator<EndpointAddress> byIpAndUid = Comparator.comparing(EndpointAddress::getIp)
                .thenComparing(a -> a.getTargetRef() == null ? "" : a.getTargetRef().getUid());
        for (EndpointSubset subset : built) {
            if (subset.getAddresses() != null) {
                subset.getAddresses().sort(byIpAndUid);
            }
            if (subset.getNotReadyAddresses() != null) {
                subset.getNotReadyAddresses().sort(byIpAndUid);
            }
        }
        return new EndpointsBuilder()
                .withNewMetadata().withName(service.getMetadata().getName()).withNamespace(service.getMetadata().getNamespace())
                .withLabels(service.getMetadata().getLabels()).endMetadata()
                .withSubsets(built.isEmpty() ? null : built)
                .build();
    }

    /** The service's ports with each targetPort resolved against this pod's containers. */
    List<EndpointPort> portsFor(Service service, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort port : service.getSpec().getPorts()) {
            Integer target = resolve(port.getTargetPort(), port.getPort(), pod);
            if (target != null) {
                ports.add(new EndpointPortBuilder().withName(port.getName()).withPort(target)
                        .withProtocol(Objects.requireNonNullElse(port.getProtocol(), "TCP")).build());
            }
        }
        return ports;
    }

    private static Integer resolve(IntOrString target, Integer port, Pod pod) {
        if (target == null) {
            return port;
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        for (var container : pod.getSpec().getContainers()) {
            if (container.getPorts() != null) {
                for (ContainerPort candidate : container.getPorts()) {
                    if (target.getStrVal().equals(candidate.getName())) {
                        return candidate.getContainerPort();
                    }
                }
            }
        }
        try {
            return Integer.parseInt(target.getStrVal());
        } catch (NumberFormatException unknownName) {
            return null; // kube leaves a pod without that named port out of this port
        }
    }
}
