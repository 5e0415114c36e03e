package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** ResourceQuotas (pkg/registry/core/resourcequota/strategy.go); the quota controller fills in the status. */
public final class ResourceQuotaStrategy implements Strategy<ResourceQuota> {

    @Override
    public List<TableColumn<ResourceQuota>> tableColumns() {
        return List.of(StandardColumns.name(), StandardColumns.age(),
                TableColumn.of("Request", "string", "Request represents a minimum amount of cpu/memory that a container "
                        + "may consume.", (q, now) -> usage(q, false)),
                TableColumn.of("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use "
                        + "independent of contention on the node.", (q, now) -> usage(q, true)));
    }

    /** printResourceQuota: {@code resource: used/hard}, "limits.*" resources in the Limit column. */
    private static String usage(ResourceQuota quota, boolean limits) {
        if (quota.getStatus() == null || quota.getStatus().getHard() == null) {
            return "";
        }
        Map<String, Quantity> used = quota.getStatus().getUsed() == null ? Map.of() : quota.getStatus().getUsed();
        List<String> parts = new ArrayList<>();
        new TreeMap<>(quota.getStatus().getHard()).forEach((resource, hard) -> {
            if (resource.startsWith("limits.") == limits) {
                Quantity u = used.get(resource);
                parts.add(resource + ": " + (u == null ? "0" : u.toString()) + "/" + hard);
            }
        });
        return String.join(", ", parts);
    }
}
