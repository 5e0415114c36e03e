package io.jk8s.api.registry.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.registry.StorageVersion;
import java.util.List;

/**
 * autoscaling/v1 HorizontalPodAutoscaler to and from autoscaling/v2, the stored form
 * (pkg/apis/autoscaling/v1/conversion.go): v1's single CPU utilization target is v2's Resource
 * metric "cpu" with an Utilization target, in the spec and in the status.
 *
 * <p>Kube keeps v2-only content (other metrics, behavior, conditions) in annotations when it
 * serves v1; this server does not, so a v1 update drops it.
 */
public final class HorizontalPodAutoscalerConversion implements StorageVersion.Converter {

    private static final List<String> SHARED_SPEC = List.of("scaleTargetRef", "minReplicas", "maxReplicas");
    private static final List<String> SHARED_STATUS = List.of("observedGeneration", "lastScaleTime", "currentReplicas",
            "desiredReplicas");

    @Override
    public ObjectNode toStorage(ObjectNode served) {
        ObjectNode stored = served.deepCopy();
        stored.put("apiVersion", "autoscaling/v2");
        JsonNode spec = served.path("spec");
        if (spec.isObject()) {
            ObjectNode v2 = copy(spec, SHARED_SPEC);
            // kube defaults the stored v2 object when it reads it, so an absent target reads as 80%
            int percent = spec.path("targetCPUUtilizationPercentage")
                    .asInt(HorizontalPodAutoscalerStrategy.DEFAULT_CPU_UTILIZATION);
            v2.putArray("metrics").addObject().put("type", "Resource").putObject("resource").put("name", "cpu")
                    .putObject("target").put("type", "Utilization").put("averageUtilization", percent);
            stored.set("spec", v2);
        }
        JsonNode status = served.path("status");
        if (status.isObject()) {
            ObjectNode v2 = copy(status, SHARED_STATUS);
            if (status.has("currentCPUUtilizationPercentage")) {
                v2.putArray("currentMetrics").addObject().put("type", "Resource").putObject("resource").put("name", "cpu")
                        .putObject("current").put("averageUtilization", status.get("currentCPUUtilizationPercentage").asInt());
            }
            stored.set("status", v2);
        }
        return stored;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode stored) {
        ObjectNode served = stored.deepCopy();
        served.put("apiVersion", "autoscaling/v1");
        toV1(served, stored.path("spec"), "spec", SHARED_SPEC, "metrics", "target", "targetCPUUtilizationPercentage");
        toV1(served, stored.path("status"), "status", SHARED_STATUS, "currentMetrics", "current",
                "currentCPUUtilizationPercentage");
        if (served.get("status") instanceof ObjectNode status) {
            // v1 declares both counts without omitempty (v2's currentReplicas has it): Go writes 0 before the first count
            for (String count : List.of("currentReplicas", "desiredReplicas")) {
                if (!status.hasNonNull(count)) {
                    status.put(count, 0);
                }
            }
        }
        return served;
    }

    /** One v2 section as v1's: the shared fields, and the cpu metric's utilization as {@code v1Field}. */
    private static void toV1(ObjectNode served, JsonNode section, String name, List<String> shared, String metrics,
                             String value, String v1Field) {
        if (!section.isObject()) {
            return;
        }
        ObjectNode v1 = copy(section, shared);
        JsonNode cpu = cpuMetric(section.path(metrics)).path(value).path("averageUtilization");
        if (cpu.isInt()) {
            v1.put(v1Field, cpu.asInt());
        }
        served.set(name, v1);
    }

    /** The "cpu" Resource metric's source, or a missing node. */
    private static JsonNode cpuMetric(JsonNode metrics) {
        if (metrics instanceof ArrayNode list) {
            for (JsonNode metric : list) {
                if ("Resource".equals(metric.path("type").asText()) && "cpu".equals(metric.path("resource").path("name").asText())) {
                    return metric.path("resource");
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static ObjectNode copy(JsonNode from, List<String> fields) {
        ObjectNode to = ((ObjectNode) from).objectNode();
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field));
            }
        }
        return to;
    }
}
