package io.jk8s.api.registry.apiregistration;

import io.fabric8.kubernetes.api.model.APIService;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The group-versions that APIServices hand to a service rather than to this server, as the
 * aggregator's proxy handlers and discovery know them: requests there are answered by the proxy,
 * never by local resources, and discovery lists them. Kept in memory (the availability controller
 * refreshes it) so that requests read it without touching storage.
 */
public final class AggregatedAPIServices {

    private record Snapshot(Set<String> groupVersions, Map<String, List<String>> groups) {}

    private volatile Snapshot snapshot = new Snapshot(Set.of(), Map.of());

    /** Whether an APIService with a service names {@code group}/{@code version}. */
    public boolean proxies(String group, String version) {
        Snapshot current = snapshot;
        return !current.groupVersions().isEmpty() && current.groupVersions().contains(group + "/" + version);
    }

    /**
     * Their groups, highest groupPriorityMinimum first, each with its versions by versionPriority
     * (apiregistration's SortedByGroupAndVersion, ties broken by name).
     */
    public Map<String, List<String>> groups() {
        return snapshot.groups();
    }

    void replace(Collection<APIService> apiServices) {
        List<APIService> proxied = apiServices.stream()
                .filter(a -> a.getSpec() != null && a.getSpec().getService() != null && a.getSpec().getGroup() != null)
                .toList();
        Map<String, Integer> groupPriority = new LinkedHashMap<>();
        proxied.forEach(a -> groupPriority.merge(a.getSpec().getGroup(), priority(a.getSpec().getGroupPriorityMinimum()), Math::max));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groupPriority.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(group -> groups.put(group.getKey(), proxied.stream()
                        .filter(a -> a.getSpec().getGroup().equals(group.getKey()))
                        .sorted(Comparator.comparingInt((APIService a) -> -priority(a.getSpec().getVersionPriority()))
                                .thenComparing(a -> a.getSpec().getVersion()))
                        .map(a -> a.getSpec().getVersion()).toList()));
        snapshot = new Snapshot(proxied.stream().map(a -> a.getSpec().getGroup() + "/" + a.getSpec().getVersion())
                .collect(Collectors.toUnmodifiableSet()), Map.copyOf(groups));
    }

    private static int priority(Integer value) {
        return value == null ? 0 : value;
    }
}
