package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;

/** ServiceAccounts (pkg/registry/core/serviceaccount/strategy.go). */
public final class ServiceAccountStrategy implements Strategy<ServiceAccount> {

    @Override
    public List<TableColumn<ServiceAccount>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods "
                        + "running using this ServiceAccount are allowed to use.",
                        (sa, now) -> sa.getSecrets() == null ? 0L : (long) sa.getSecrets().size()),
                StandardColumns.age());
    }
}
