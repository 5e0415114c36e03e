package io.jk8s.api.registry.apiregistration;

import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.APIServiceCondition;
import io.fabric8.kubernetes.api.model.APIServiceStatus;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.ListQuery;
import io.jk8s.api.registry.ResourceStore;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * kube-aggregator's APIServiceAvailabilityController: keeps each APIService's Available condition
 * what {@link AvailableCondition} says it is, moving lastTransitionTime only when the status flips.
 */
final class AvailabilityController {

    private final ResourceStore<APIService> apiServices;
    private final ResourceStore<Service> services;
    private final ResourceStore<Endpoints> endpoints;
    private final Clock clock;
    private final AggregatedAPIServices aggregated;
    private volatile boolean serviceBacked;

    AvailabilityController(ResourceStore<APIService> apiServices, ResourceStore<Service> services,
                           ResourceStore<Endpoints> endpoints, Clock clock, AggregatedAPIServices aggregated) {
        this.aggregated = aggregated;
        this.apiServices = apiServices;
        this.services = services;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** Whether the last pass found an APIService backed by a Service (kube-aggregator's service/endpoints handlers look for one). */
    boolean hasServiceBacked() {
        return serviceBacked;
    }

    /** One pass over all APIServices; blocks on storage. */
    void reconcile() {
        List<APIService> all = apiServices.list(null, ListQuery.ALL).items();
        // set before the Services and Endpoints are read, so a write after this point wakes another pass
        serviceBacked = all.stream().anyMatch(a -> a.getSpec() != null && a.getSpec().getService() != null);
        aggregated.replace(all);
        for (APIService apiService : all) {
            APIServiceCondition wanted = AvailableCondition.of(apiService, lookup(services), lookup(endpoints));
            APIServiceCondition existing = AvailableCondition.find(apiService);
            if (existing != null && Objects.equals(existing.getStatus(), wanted.getStatus())
                    && Objects.equals(existing.getReason(), wanted.getReason())
                    && Objects.equals(existing.getMessage(), wanted.getMessage())) {
                continue;
            }
            wanted.setLastTransitionTime(existing != null && Objects.equals(existing.getStatus(), wanted.getStatus())
                    ? existing.getLastTransitionTime()
                    : DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
            try {
                apiServices.modifyWithStatus(null, apiService.getMetadata().getName(),
                        apiService.getMetadata().getResourceVersion(), current -> withCondition(current, wanted));
            } catch (ApiException e) {
                // changed or deleted meanwhile: the commit that did it triggers another pass
            }
        }
    }

    private static APIService withCondition(APIService apiService, APIServiceCondition condition) {
        List<APIServiceCondition> conditions = new ArrayList<>();
        if (apiService.getStatus() != null && apiService.getStatus().getConditions() != null) {
            apiService.getStatus().getConditions().stream().filter(c -> !AvailableCondition.TYPE.equals(c.getType()))
                    .forEach(conditions::add);
        }
        conditions.add(condition);
        APIServiceStatus status = new APIServiceStatus();
        status.setConditions(conditions);
        apiService.setStatus(status);
        return apiService;
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> BiFunction<String, String, T> lookup(
            ResourceStore<T> store) {
        return (namespace, name) -> {
            try {
                return store.get(namespace, name);
            } catch (ApiException e) {
                if ("NotFound".equals(e.reason())) {
                    return null;
                }
                throw e;
            }
        };
    }
}
