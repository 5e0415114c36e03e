package io.jk8s.api.registry.apiregistration;

import io.fabric8.kubernetes.api.model.APIService;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The group-versions that APIServices hand to a service rather than to this server, as the
 * aggregator's proxy handlers know them: requests there are answered by the proxy, never by the
 * local resources. Kept in memory (the availability controller refreshes it) so the router asks it
 * without touching storage.
 */
public final class AggregatedAPIServices {

    private volatile Set<String> groupVersions = Set.of();

    /** Whether an APIService with a service names {@code group}/{@code version}. */
    public boolean proxies(String group, String version) {
        return !groupVersions.isEmpty() && groupVersions.contains(group + "/" + version);
    }

    void replace(Collection<APIService> apiServices) {
        groupVersions = apiServices.stream().filter(a -> a.getSpec() != null && a.getSpec().getService() != null)
                .map(a -> (a.getSpec().getGroup() == null ? "" : a.getSpec().getGroup()) + "/" + a.getSpec().getVersion())
                .collect(Collectors.toUnmodifiableSet());
    }
}
