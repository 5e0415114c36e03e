package io.jk8s.api.registry.coordination;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;

/** Leases (pkg/registry/coordination/lease/strategy.go): leader election and node heartbeats. */
public final class LeaseStrategy implements Strategy<Lease> {

    @Override
    public List<TableColumn<Lease>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Holder", "string", "holderIdentity contains the identity of the holder of a current lease.",
                        (l, now) -> l.getSpec() == null || l.getSpec().getHolderIdentity() == null ? ""
                                : l.getSpec().getHolderIdentity()),
                StandardColumns.age());
    }
}
