package io.jk8s.api.registry.autoscaling;

import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * autoscaling/v2 HorizontalPodAutoscalers, the stored version (pkg/registry/autoscaling/
 * horizontalpodautoscaler/strategy.go, pkg/apis/autoscaling/v2/defaults.go). No controller acts on them.
 */
public final class HorizontalPodAutoscalerStrategy implements Strategy<HorizontalPodAutoscaler> {

    /** autoscaling.DefaultCPUUtilization: the metric an autoscaler without metrics scales on. */
    static final int DEFAULT_CPU_UTILIZATION = 80;

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec = spec(hpa);
        hpa.setSpec(spec);
        if (spec.getMinReplicas() == null) {
            spec.setMinReplicas(1);
        }
        if (spec.getMetrics() == null || spec.getMetrics().isEmpty()) {
            spec.setMetrics(new ArrayList<>(List.of(cpuUtilization(DEFAULT_CPU_UTILIZATION))));
        }
        // only a behavior the user gave is completed (SetDefaults_HorizontalPodAutoscalerBehavior)
        HorizontalPodAutoscalerBehavior behavior = spec.getBehavior();
        if (behavior != null) {
            behavior.setScaleUp(complete(behavior.getScaleUp(), 0,
                    List.of(policy("Pods", 4), policy("Percent", 100))));
            behavior.setScaleDown(complete(behavior.getScaleDown(), 300, List.of(policy("Percent", 100))));
        }
    }

    @Override
    public List<FieldError> validate(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec = spec(hpa);
        List<FieldError> errors = new ArrayList<>();
        CrossVersionObjectReference ref = spec.getScaleTargetRef();
        if (ref == null || ref.getKind() == null || ref.getKind().isEmpty()) {
            errors.add(FieldError.required("spec.scaleTargetRef.kind", ""));
        }
        if (ref == null || ref.getName() == null || ref.getName().isEmpty()) {
            errors.add(FieldError.required("spec.scaleTargetRef.name", ""));
        }
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        int max = spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas();
        if (min < 1) {
            errors.add(FieldError.invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
        }
        if (max < 1) {
            errors.add(FieldError.invalid("spec.maxReplicas", max, "must be greater than or equal to 1"));
        } else if (max < min) {
            errors.add(FieldError.invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
        }
        return errors;
    }

    @Override
    public List<TableColumn<HorizontalPodAutoscaler>> tableColumns() {
        return HorizontalPodAutoscalerColumns.COLUMNS;
    }

    static MetricSpec cpuUtilization(int percent) {
        MetricTarget target = new MetricTarget(percent, null, "Utilization", null);
        MetricSpec metric = new MetricSpec();
        metric.setType("Resource");
        metric.setResource(new ResourceMetricSource("cpu", target));
        return metric;
    }

    /** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: fills what the user left out. */
    private static HPAScalingRules complete(HPAScalingRules rules, int window, List<HPAScalingPolicy> policies) {
        HPAScalingRules complete = rules == null ? new HPAScalingRules() : rules;
        if (complete.getStabilizationWindowSeconds() == null) {
            complete.setStabilizationWindowSeconds(window);
        }
        if (complete.getSelectPolicy() == null) {
            complete.setSelectPolicy("Max");
        }
        if (complete.getPolicies() == null || complete.getPolicies().isEmpty()) {
            complete.setPolicies(new ArrayList<>(policies));
        }
        return complete;
    }

    private static HPAScalingPolicy policy(String type, int value) {
        return new HPAScalingPolicy(15, type, value);
    }

    static HorizontalPodAutoscalerSpec spec(HorizontalPodAutoscaler hpa) {
        return hpa.getSpec() == null ? new HorizontalPodAutoscalerSpec() : hpa.getSpec();
    }
}
