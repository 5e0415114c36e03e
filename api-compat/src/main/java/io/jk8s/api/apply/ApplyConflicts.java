package io.jk8s.api.apply;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields an apply would take from other managers without {@code force} (merge.Conflicts), and the
 * 409 kube answers for them (managedfields internal/conflict.go).
 */
final class ApplyConflicts extends RuntimeException {

    record Conflict(ManagerKey manager, FieldPath path) {}

    private final List<Conflict> conflicts;

    ApplyConflicts(Map<ManagerKey, FieldSet> byManager) {
        super(null, null, false, false);
        List<Conflict> all = new ArrayList<>();
        byManager.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ManagerKey::describe)))
                .forEach(e -> e.getValue().paths().forEach(p -> all.add(new Conflict(e.getKey(), p))));
        this.conflicts = List.copyOf(all);
    }

    List<Conflict> conflicts() {
        return conflicts;
    }

    FieldSet paths() {
        return FieldSet.of(conflicts.stream().map(Conflict::path).toList());
    }

    ApiException toApiException() {
        List<StatusCause> causes = conflicts.stream()
                .map(c -> new StatusCause(c.path().toString(), "conflict with " + c.manager().describe(), "FieldManagerConflict"))
                .toList();
        return StatusErrors.applyConflict(causes, message());
    }

    private String message() {
        if (conflicts.size() == 1) {
            Conflict only = conflicts.get(0);
            return "Apply failed with 1 conflict: conflict with " + only.manager().describe() + ": " + only.path();
        }
        Map<String, List<FieldPath>> byManager = new LinkedHashMap<>();
        conflicts.forEach(c -> byManager.computeIfAbsent(c.manager().describe(), k -> new ArrayList<>()).add(c.path()));
        List<String> lines = new ArrayList<>();
        byManager.forEach((manager, paths) -> {
            lines.add("conflicts with " + manager + ":");
            paths.forEach(p -> lines.add("- " + p));
        });
        return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }
}
