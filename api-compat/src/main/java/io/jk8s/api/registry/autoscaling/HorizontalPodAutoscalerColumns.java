package io.jk8s.api.registry.autoscaling;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** printers.go's HorizontalPodAutoscaler columns (printHorizontalPodAutoscaler, formatHPAMetrics). */
final class HorizontalPodAutoscalerColumns {

    /** formatHPAMetrics shows this many metrics, then "+ N more...". */
    private static final int SHOWN_METRICS = 2;
    private static final String UNKNOWN = "<unknown>";

    static final List<TableColumn<HorizontalPodAutoscaler>> COLUMNS = List.of(StandardColumns.name(),
            TableColumn.of("Reference", "string", "scaleTargetRef points to the target resource to scale, and is used to the "
                    + "pods for which metrics should be collected, as well as to actually change the replica count.",
                    (h, now) -> ref(h)),
            TableColumn.of("Targets", "string", "metrics contains the specifications for which to use to calculate the desired "
                    + "replica count (the maximum replica count across all metrics will be used).  The desired replica count "
                    + "is calculated multiplying the ratio between the target value and the current value by the current "
                    + "number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See "
                    + "the individual metric source types for more information about how each type of metric must respond. "
                    + "If not set, the default metric will be set to 80% average CPU utilization.",
                    (h, now) -> targets(h)),
            TableColumn.of("MinPods", "string", "minReplicas is the lower limit for the number of replicas to which the "
                    + "autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature "
                    + "gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is "
                    + "active as long as at least one metric value is available.",
                    (h, now) -> spec(h).getMinReplicas() == null ? "<unset>" : String.valueOf(spec(h).getMinReplicas())),
            TableColumn.of("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas to which the "
                    + "autoscaler can scale up. It cannot be less that minReplicas.",
                    (h, now) -> spec(h).getMaxReplicas() == null ? 0L : (long) spec(h).getMaxReplicas()),
            TableColumn.of("Replicas", "string", "currentReplicas is current number of replicas of pods managed by this "
                    + "autoscaler, as last seen by the autoscaler.",
                    (h, now) -> h.getStatus() == null || h.getStatus().getCurrentReplicas() == null ? 0L
                            : (long) h.getStatus().getCurrentReplicas()),
            StandardColumns.age());

    private HorizontalPodAutoscalerColumns() {}

    private static String ref(HorizontalPodAutoscaler h) {
        var ref = spec(h).getScaleTargetRef();
        return ref == null ? "/" : nonNull(ref.getKind()) + "/" + nonNull(ref.getName());
    }

    private static String targets(HorizontalPodAutoscaler h) {
        List<MetricSpec> specs = spec(h).getMetrics();
        if (specs == null || specs.isEmpty()) {
            return "<none>";
        }
        List<MetricStatus> statuses = h.getStatus() == null || h.getStatus().getCurrentMetrics() == null ? List.of()
                : h.getStatus().getCurrentMetrics();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            shown.add(format(specs.get(i), i < statuses.size() ? statuses.get(i) : null));
        }
        if (shown.size() <= SHOWN_METRICS) {
            return String.join(", ", shown);
        }
        return String.join(", ", shown.subList(0, SHOWN_METRICS)) + " + " + (shown.size() - SHOWN_METRICS) + " more...";
    }

    private static String format(MetricSpec spec, MetricStatus status) {
        String type = nonNull(spec.getType());
        return switch (type) {
            case "Resource" -> spec.getResource() == null ? UNKNOWN : resource(spec.getResource().getName(),
                    spec.getResource().getTarget(), status == null || status.getResource() == null ? null
                            : status.getResource().getCurrent());
            case "ContainerResource" -> spec.getContainerResource() == null ? UNKNOWN
                    : resource(spec.getContainerResource().getName(), spec.getContainerResource().getTarget(),
                            status == null || status.getContainerResource() == null ? null
                                    : status.getContainerResource().getCurrent());
            case "Pods" -> spec.getPods() == null ? UNKNOWN : quantity(status == null || status.getPods() == null
                    || status.getPods().getCurrent() == null ? null : status.getPods().getCurrent().getAverageValue()) + "/" + quantity(target(spec.getPods().getTarget()).getAverageValue());
            case "Object" -> spec.getObject() == null ? UNKNOWN : value(spec.getObject().getTarget(),
                    status == null || status.getObject() == null ? null : status.getObject().getCurrent());
            case "External" -> spec.getExternal() == null ? UNKNOWN : value(spec.getExternal().getTarget(),
                    status == null || status.getExternal() == null ? null : status.getExternal().getCurrent());
            default -> "<unknown type>";
        };
    }

    /** A per-pod resource: an average quantity, or a utilization percentage of the requests. */
    private static String resource(String name, MetricTarget target, MetricValueStatus current) {
        MetricTarget t = target(target);
        if (t.getAverageValue() != null) {
            return name + ": " + quantity(current == null ? null : current.getAverageValue()) + "/" + quantity(t.getAverageValue());
        }
        String now = current == null || current.getAverageUtilization() == null ? UNKNOWN : current.getAverageUtilization() + "%";
        String goal = t.getAverageUtilization() == null ? "<auto>" : t.getAverageUtilization() + "%";
        return name + ": " + now + "/" + goal;
    }

    /** Object and External metrics: a total value, or an average marked "(avg)". */
    private static String value(MetricTarget target, MetricValueStatus current) {
        MetricTarget t = target(target);
        if (t.getAverageValue() != null) {
            return quantity(current == null ? null : current.getAverageValue()) + "/" + quantity(t.getAverageValue()) + " (avg)";
        }
        return quantity(current == null ? null : current.getValue()) + "/" + quantity(t.getValue());
    }

    private static String quantity(Quantity q) {
        return q == null ? UNKNOWN : nonNull(q.getAmount()) + nonNull(q.getFormat());
    }

    private static MetricTarget target(MetricTarget t) {
        return t == null ? new MetricTarget() : t;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec spec(HorizontalPodAutoscaler h) {
        return HorizontalPodAutoscalerStrategy.spec(h);
    }
}
