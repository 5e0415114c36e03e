package io.jk8s.api.registry.apps;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Locale;

/** ControllerRevisions: immutable history entries of StatefulSets and DaemonSets. */
public final class ControllerRevisionStrategy implements Strategy<ControllerRevision> {

    @Override
    public List<TableColumn<ControllerRevision>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Controller", "string", "Controller of the object",
                        (r, now) -> controller(r)),
                TableColumn.of("Revision", "integer", "Revision indicates the revision of the state represented by Data.",
                        (r, now) -> r.getRevision() == null ? 0L : r.getRevision()),
                StandardColumns.age());
    }

    /** printers.go formatResourceName: {@code <kind>.<group>/<name>} of the controller owner, lower case. */
    private static String controller(ControllerRevision revision) {
        List<OwnerReference> owners = revision.getMetadata().getOwnerReferences();
        if (owners == null) {
            return "<none>";
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().map(o -> {
            String apiVersion = o.getApiVersion() == null ? "" : o.getApiVersion();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String kind = group.isEmpty() ? o.getKind() : o.getKind() + "." + group;
            return kind.toLowerCase(Locale.ROOT) + "/" + o.getName();
        }).orElse("<none>");
    }
}
