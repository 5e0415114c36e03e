package io.jk8s.api.registry.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;

/** PodDisruptionBudgets (pkg/registry/policy/poddisruptionbudget/strategy.go). */
public final class PodDisruptionBudgetStrategy implements Strategy<PodDisruptionBudget> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public List<TableColumn<PodDisruptionBudget>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Min Available", "string", "The minimum number of pods that must be available.",
                        (p, now) -> text(spec(p).getMinAvailable())),
                TableColumn.of("Max Unavailable", "string", "The maximum number of pods that may be unavailable.",
                        (p, now) -> text(spec(p).getMaxUnavailable())),
                TableColumn.of("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time.",
                        (p, now) -> p.getStatus() == null || p.getStatus().getDisruptionsAllowed() == null ? 0L
                                : (long) p.getStatus().getDisruptionsAllowed()),
                StandardColumns.age());
    }

    private static String text(IntOrString value) {
        if (value == null) {
            return "N/A";
        }
        return value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal());
    }

    private static PodDisruptionBudgetSpec spec(PodDisruptionBudget p) {
        return p.getSpec() == null ? new PodDisruptionBudgetSpec() : p.getSpec();
    }
}
