package io.jk8s.reconcilers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.PodConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The EndpointSlice view of a Service's pods (kube's endpointslice controller, one slice per
 * Service and address type): labelled with the service name and the managing controller, owned
 * by the Service so it goes with it.
 */
public final class EndpointSliceMirror {

    static final String SERVICE_NAME = "kubernetes.io/service-name";
    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String CONTROLLER = "endpointslice-controller.k8s.io";

    private final KubernetesClient client;

    public EndpointSliceMirror(KubernetesClient client) {
        this.client = client;
    }

    void sync(Service service, List<Pod> pods, BiFunction<Service, Pod, List<EndpointPort>> ports) {
        String namespace = service.getMetadata().getNamespace();
        List<Endpoint> endpoints = new ArrayList<>();
        List<EndpointPort> slicePorts = pods.isEmpty() ? List.of() : ports.apply(service, pods.get(0));
        for (Pod pod : pods) {
            boolean ready = PodConditions.isReady(pod);
            endpoints.add(new EndpointBuilder()
                    .withAddresses(pod.getStatus().getPodIP())
                    .withNewConditions().withReady(ready).withServing(ready).withTerminating(false).endConditions()
                    .withNodeName(pod.getSpec().getNodeName())
                    .withNewTargetRef().withKind("Pod").withNamespace(namespace).withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid()).endTargetRef()
                    .build());
        }
        // kube always sets the slice port's name, "" for an unnamed port; kubectl describe dereferences it
        var wantedPorts = slicePorts.stream().map(p -> new EndpointPortBuilder().withName(Objects.requireNonNullElse(p.getName(), ""))
                .withPort(p.getPort())
                .withProtocol(p.getProtocol()).build()).toList();
        List<EndpointSlice> existing = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(SERVICE_NAME, service.getMetadata().getName()).withLabel(MANAGED_BY, CONTROLLER).list().getItems();
        if (existing.isEmpty()) {
            EndpointSlice slice = new EndpointSliceBuilder()
                    .withNewMetadata().withGenerateName(service.getMetadata().getName() + "-").withNamespace(namespace)
                    .addToLabels(SERVICE_NAME, service.getMetadata().getName()).addToLabels(MANAGED_BY, CONTROLLER)
                    .withOwnerReferences(Owners.controllerReference(service)).endMetadata()
                    .withAddressType("IPv4")
                    .withEndpoints(endpoints)
                    .withPorts(wantedPorts)
                    .build();
            client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).create();
            return;
        }
        EndpointSlice slice = existing.get(0);
        // the API server writes an empty list of a slice as null (Go's nil slice), which reads back as null
        if (!Objects.equals(Objects.requireNonNullElse(slice.getEndpoints(), List.of()), endpoints)
                || !Objects.equals(Objects.requireNonNullElse(slice.getPorts(), List.of()), wantedPorts)) {
            slice.setEndpoints(endpoints);
            slice.setPorts(wantedPorts);
            client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).update();
        }
    }
}
