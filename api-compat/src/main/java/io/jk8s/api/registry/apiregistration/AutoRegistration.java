package io.jk8s.api.registry.apiregistration;

import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.APIServiceSpec;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.ListQuery;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceTable;
import io.jk8s.api.registry.ResourceType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * kube-apiserver's autoregister controller fed by its crdRegistrationController
 * (kube-aggregator pkg/controllers/autoregister, pkg/controlplane/controller/crdregistration): a
 * local APIService for every group-version this server serves. The built-in ones are labelled
 * {@code onstart} and synced once per start (deleted, they come back at the next start); those of
 * custom resources are labelled {@code true} and kept in sync continuously (deleted, they come back
 * at once; gone when their version stops being served).
 */
final class AutoRegistration {

    static final String MANAGED_LABEL = "kube-aggregator.kubernetes.io/automanaged";
    static final String ON_START = "onstart";
    static final String CONTINUOUSLY = "true";

    private record Desired(APIService apiService, String mode) {}

    private final ResourceTable table;
    private final ResourceStore<APIService> store;
    /** Names synced once since start: "once" enforcement of the onstart ones (checkAPIService 2B/5B/6B). */
    private final Set<String> syncedOnce = new HashSet<>();
    private Set<String> desiredAtStart;

    AutoRegistration(ResourceTable table, ResourceStore<APIService> store) {
        this.table = table;
        this.store = store;
    }

    /** One pass over the desired and current APIServices; blocks on storage. Only called from one thread. */
    void reconcile() {
        Map<String, Desired> desired = desired();
        if (desiredAtStart == null) {
            desiredAtStart = Set.copyOf(desired.keySet());
        }
        Map<String, APIService> current = new HashMap<>();
        store.list(null, ListQuery.ALL).items().forEach(a -> current.put(a.getMetadata().getName(), a));
        Set<String> names = new HashSet<>(desired.keySet());
        names.addAll(current.keySet());
        for (String name : names) {
            try {
                check(name, desired.get(name), current.get(name));
            } catch (ApiException e) {
                // Conflicts and races with users are settled by the next pass, which a commit triggers.
                continue;
            }
            syncedOnce.add(name);
        }
    }

    /** checkAPIService's table, row by row. */
    private void check(String name, Desired desired, APIService current) {
        if (desired != null && ON_START.equals(desired.mode()) && syncedOnce.contains(name)) {
            return;
        }
        if (current == null) {
            if (desired != null) {
                create(desired);
            }
            return;
        }
        String managed = current.getMetadata().getLabels() == null ? null : current.getMetadata().getLabels().get(MANAGED_LABEL);
        if (!ON_START.equals(managed) && !CONTINUOUSLY.equals(managed)) {
            return;
        }
        if (ON_START.equals(managed) && !desiredAtStart.contains(name)) {
            return;
        }
        if (desired == null) {
            store.delete(null, name, new DeleteOptions());
            return;
        }
        if (!Objects.equals(current.getSpec(), desired.apiService().getSpec())
                || !Objects.equals(managed, desired.mode())) {
            store.modify(null, name, current.getMetadata().getResourceVersion(), existing -> {
                existing.setSpec(desired.apiService().getSpec());
                Map<String, String> labels = new LinkedHashMap<>(existing.getMetadata().getLabels());
                labels.put(MANAGED_LABEL, desired.mode());
                existing.getMetadata().setLabels(labels);
                return existing;
            });
        }
    }

    private void create(Desired desired) {
        try {
            store.create(null, desired.apiService());
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
    }

    /** Built-in group-versions with a known priority, then served CRD versions of other group-versions. */
    private Map<String, Desired> desired() {
        Map<String, Desired> desired = new LinkedHashMap<>();
        for (ResourceType<?> type : table.all()) {
            APIServicePriorities.builtIn(type.group(), type.version()).ifPresent(priority ->
                    desired.putIfAbsent(type.version() + "." + type.group(),
                            new Desired(apiService(type.group(), type.version(), priority, ON_START), ON_START)));
        }
        for (ResourceType<?> type : table.custom()) {
            desired.putIfAbsent(type.version() + "." + type.group(), new Desired(
                    apiService(type.group(), type.version(), APIServicePriorities.CUSTOM_RESOURCE, CONTINUOUSLY), CONTINUOUSLY));
        }
        return desired;
    }

    private static APIService apiService(String group, String version, APIServicePriorities.Priority priority, String mode) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(version + "." + group);
        meta.setLabels(Map.of(MANAGED_LABEL, mode));
        APIServiceSpec spec = new APIServiceSpec();
        spec.setGroup(group.isEmpty() ? null : group);
        spec.setVersion(version);
        spec.setGroupPriorityMinimum(priority.group());
        spec.setVersionPriority(priority.version());
        APIService apiService = new APIService();
        apiService.setMetadata(meta);
        apiService.setSpec(spec);
        return apiService;
    }
}
