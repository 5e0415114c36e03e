package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** Endpoints (pkg/registry/core/endpoint/strategy.go). */
public final class EndpointsStrategy implements Strategy<Endpoints> {

    private static final int MAX_SHOWN = 3;

    @Override
    public List<TableColumn<Endpoints>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Endpoints", "string", "The set of all endpoints is the union of all subsets.",
                        (e, now) -> endpoints(e)),
                StandardColumns.age());
    }

    /** printers.go formatEndpoints: the first three ip:port pairs, then "+ N more...". */
    private static String endpoints(Endpoints endpoints) {
        List<EndpointSubset> subsets = PodSpecDefaults.orEmpty(endpoints.getSubsets());
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> shown = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (EndpointSubset subset : subsets) {
            List<EndpointAddress> addresses = PodSpecDefaults.orEmpty(subset.getAddresses());
            List<EndpointPort> ports = PodSpecDefaults.orEmpty(subset.getPorts());
            if (ports.isEmpty()) {
                count += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == MAX_SHOWN) {
                        more = true;
                    } else {
                        shown.add(address.getIp());
                    }
                }
                continue;
            }
            for (EndpointPort port : ports) {
                count += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == MAX_SHOWN) {
                        more = true;
                        break;
                    }
                    String ip = address.getIp().contains(":") ? "[" + address.getIp() + "]" : address.getIp();
                    shown.add(ip + ":" + port.getPort());
                }
            }
        }
        String joined = String.join(",", shown);
        return more ? joined + " + " + (count - MAX_SHOWN) + " more..." : joined;
    }
}
