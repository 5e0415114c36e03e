package io.jk8s.api.registry.apiregistration;

import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.APIServiceCondition;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceReference;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The {@code Available} condition as kube-aggregator's availability controller words it
 * (pkg/controllers/status/available_controller.go). This server does not proxy aggregated APIs, so
 * a service-backed APIService whose service and endpoints are in place still fails the last step,
 * the discovery check, and says so.
 */
public final class AvailableCondition {

    public static final String TYPE = "Available";

    private AvailableCondition() {}

    /** The condition of that type on {@code apiService}, or null. */
    public static APIServiceCondition find(APIService apiService) {
        if (apiService.getStatus() == null || apiService.getStatus().getConditions() == null) {
            return null;
        }
        return apiService.getStatus().getConditions().stream().filter(c -> TYPE.equals(c.getType())).findFirst().orElse(null);
    }

    /** Whether requests for this group-version can be served (kube's IsAPIServiceConditionTrue). */
    public static boolean isTrue(APIService apiService) {
        APIServiceCondition condition = find(apiService);
        return condition != null && "True".equals(condition.getStatus());
    }

    /**
     * The condition {@code apiService} should carry now; {@code services} and {@code endpoints} look
     * up by (namespace, name) and answer null when absent. lastTransitionTime is left to the caller.
     */
    public static APIServiceCondition of(APIService apiService, BiFunction<String, String, Service> services,
                                         BiFunction<String, String, Endpoints> endpoints) {
        ServiceReference ref = apiService.getSpec() == null ? null : apiService.getSpec().getService();
        if (ref == null) {
            return condition("True", "Local", "Local APIServices are always available");
        }
        String where = "service/" + ref.getName() + " in \"" + ref.getNamespace() + "\"";
        Service service = services.apply(ref.getNamespace(), ref.getName());
        if (service == null) {
            return condition("False", "ServiceNotFound", where + " is not present");
        }
        int port = ref.getPort() == null ? 443 : ref.getPort();
        String portName = "";
        if ("ClusterIP".equals(service.getSpec().getType()) || service.getSpec().getType() == null) {
            List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
            ServicePort match = ports.stream().filter(p -> Objects.equals(p.getPort(), port)).findFirst().orElse(null);
            if (match == null) {
                return condition("False", "ServicePortError", where + " is not listening on port " + port);
            }
            portName = match.getName() == null ? "" : match.getName();
            Endpoints found = endpoints.apply(ref.getNamespace(), ref.getName());
            if (found == null) {
                return condition("False", "EndpointsNotFound", "cannot find endpoints for " + where);
            }
            if (!hasAddressOnPort(found, portName)) {
                return condition("False", "MissingEndpoints",
                        "endpoints for " + where + " have no addresses with port name \"" + portName + "\"");
            }
        }
        String host = service.getSpec().getClusterIP() == null ? ref.getName() + "." + ref.getNamespace() + ".svc"
                : service.getSpec().getClusterIP();
        String path = apiService.getMetadata().getName().equals("v1.") ? "/api/" + apiService.getSpec().getVersion()
                : "/apis/" + apiService.getSpec().getGroup() + "/" + apiService.getSpec().getVersion();
        return condition("False", "FailedDiscoveryCheck", "failing or missing response from https://" + host + ":" + port
                + path + ": this server does not proxy aggregated APIs");
    }

    private static boolean hasAddressOnPort(Endpoints endpoints, String portName) {
        for (EndpointSubset subset : endpoints.getSubsets() == null ? List.<EndpointSubset>of() : endpoints.getSubsets()) {
            if (subset.getAddresses() == null || subset.getAddresses().isEmpty() || subset.getPorts() == null) {
                continue;
            }
            for (EndpointPort endpointPort : subset.getPorts()) {
                if (portName.equals(endpointPort.getName() == null ? "" : endpointPort.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static APIServiceCondition condition(String status, String reason, String message) {
        APIServiceCondition condition = new APIServiceCondition();
        condition.setType(TYPE);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        return condition;
    }
}
