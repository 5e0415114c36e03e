package io.jk8s.api.codec;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Status counts that kube declares as plain {@code int32} without {@code omitempty}: Go writes them
 * even when nothing has counted yet, as {@code 0}, so a freshly created ReplicaSet reads
 * {@code "status": {"replicas": 0}}. Fabric8 leaves an unset Integer out, and clients generated from
 * kube's OpenAPI, where these fields are required, refuse the object without them (the official
 * Python client raises ValueError while decoding the create response). The HPA's autoscaling/v1
 * counts are written by its conversion, which works on JSON trees.
 */
final class ZeroScalars {

    private ZeroScalars() {}

    static ObjectMapper register(ObjectMapper mapper) {
        return mapper.addMixIn(ReplicaSetStatus.class, ReplicaSetStatusMixin.class)
                .addMixIn(ReplicationControllerStatus.class, ReplicaSetStatusMixin.class)
                .addMixIn(StatefulSetStatus.class, StatefulSetStatusMixin.class)
                .addMixIn(DaemonSetStatus.class, DaemonSetStatusMixin.class)
                .addMixIn(PodDisruptionBudgetStatus.class, PodDisruptionBudgetStatusMixin.class)
                .addMixIn(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus.class,
                        HorizontalPodAutoscalerStatusMixin.class);
    }

    /** apps/v1 ReplicaSetStatus and core/v1 ReplicationControllerStatus: {@code Replicas int32 `json:"replicas"`}. */
    private abstract static class ReplicaSetStatusMixin {
        @Zero @JsonProperty("replicas") abstract Integer getReplicas();
    }

    /** apps/v1 StatefulSetStatus: replicas and availableReplicas. */
    private abstract static class StatefulSetStatusMixin {
        @Zero @JsonProperty("replicas") abstract Integer getReplicas();

        @Zero @JsonProperty("availableReplicas") abstract Integer getAvailableReplicas();
    }

    /** apps/v1 DaemonSetStatus: its first four counts; the others are omitempty. */
    private abstract static class DaemonSetStatusMixin {
        @Zero @JsonProperty("currentNumberScheduled") abstract Integer getCurrentNumberScheduled();

        @Zero @JsonProperty("numberMisscheduled") abstract Integer getNumberMisscheduled();

        @Zero @JsonProperty("desiredNumberScheduled") abstract Integer getDesiredNumberScheduled();

        @Zero @JsonProperty("numberReady") abstract Integer getNumberReady();
    }

    /** policy/v1 PodDisruptionBudgetStatus: the four counts the disruption controller keeps. */
    private abstract static class PodDisruptionBudgetStatusMixin {
        @Zero @JsonProperty("disruptionsAllowed") abstract Integer getDisruptionsAllowed();

        @Zero @JsonProperty("currentHealthy") abstract Integer getCurrentHealthy();

        @Zero @JsonProperty("desiredHealthy") abstract Integer getDesiredHealthy();

        @Zero @JsonProperty("expectedPods") abstract Integer getExpectedPods();
    }

    /** autoscaling/v2 HorizontalPodAutoscalerStatus: desiredReplicas (its currentReplicas is omitempty). */
    private abstract static class HorizontalPodAutoscalerStatusMixin {
        @Zero @JsonProperty("desiredReplicas") abstract Integer getDesiredReplicas();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = WriteZero.class)
    private @interface Zero {}

    private static final class WriteZero extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeNumber(0);
        }
    }
}
