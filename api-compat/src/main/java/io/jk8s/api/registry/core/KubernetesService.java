package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * The `kubernetes` service in `default` that points in-cluster clients at the API server, created
 * at start like kube-apiserver's kubernetesservice controller does: the first IP of the service
 * range, port 443 named https, target port 6443.
 */
public final class KubernetesService {

    public static final String NAME = "kubernetes";

    private KubernetesService() {}

    /** Blocks on storage; idempotent. */
    public static void ensure(Registry registry) {
        @SuppressWarnings("unchecked")
        ResourceType<Service> type = (ResourceType<Service>) registry.table().find("", "v1", "services").orElseThrow();
        ResourceStore<Service> services = registry.storeFor(type);
        try {
            services.get("default", NAME);
            return;
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
        ObjectMeta meta = new ObjectMeta();
        meta.setName(NAME);
        meta.setNamespace("default");
        meta.setLabels(Map.of("component", "apiserver", "provider", "kubernetes"));
        ServicePort https = new ServicePort();
        https.setName("https");
        https.setPort(443);
        https.setProtocol("TCP");
        https.setTargetPort(new IntOrString(6443));
        ServiceSpec spec = new ServiceSpec();
        spec.setType("ClusterIP");
        spec.setClusterIP(ServiceAllocations.KUBERNETES_SERVICE_IP);
        spec.setPorts(List.of(https));
        Service service = new Service();
        service.setMetadata(meta);
        service.setSpec(spec);
        try {
            services.create("default", service);
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
    }
}
