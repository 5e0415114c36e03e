package io.jk8s.api.registry.discovery;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** EndpointSlices (pkg/registry/discovery/endpointslice/strategy.go). */
public final class EndpointSliceStrategy implements Strategy<EndpointSlice> {

    private static final int MAX_SHOWN = 3;

    @Override
    public List<TableColumn<EndpointSlice>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("AddressType", "string", "addressType specifies the type of address carried by this "
                        + "EndpointSlice.", (s, now) -> s.getAddressType()),
                TableColumn.of("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in "
                        + "this slice.", (s, now) -> ports(s)),
                TableColumn.of("Endpoints", "string", "endpoints is a list of unique endpoints in this slice.",
                        (s, now) -> endpoints(s)),
                StandardColumns.age());
    }

    private static String ports(EndpointSlice slice) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (EndpointPort port : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
            if (shown.size() < MAX_SHOWN) {
                shown.add(port.getPort() != null ? port.getPort().toString() : port.getName() != null ? port.getName() : "*");
            }
            count++;
        }
        return withMore(shown, count);
    }

    private static String endpoints(EndpointSlice slice) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
            for (String address : endpoint.getAddresses() == null ? List.<String>of() : endpoint.getAddresses()) {
                if (shown.size() < MAX_SHOWN) {
                    shown.add(address);
                }
                count++;
            }
        }
        return withMore(shown, count);
    }

    /** printers.go listWithMoreString. */
    private static String withMore(List<String> shown, int count) {
        String joined = String.join(",", shown);
        if (count > MAX_SHOWN) {
            return joined + " + " + (count - MAX_SHOWN) + " more...";
        }
        return joined.isEmpty() ? "<unset>" : joined;
    }
}
