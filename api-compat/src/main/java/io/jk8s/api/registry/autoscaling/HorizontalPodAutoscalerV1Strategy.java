package io.jk8s.api.registry.autoscaling;

import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerSpec;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.TableColumn;
import java.util.List;

/**
 * autoscaling/v1 HorizontalPodAutoscalers (kubectl 1.32's autoscale writes this version): v1's
 * defaults, then the v2 rules and columns applied to the converted object, as kube runs them on
 * its internal version.
 */
public final class HorizontalPodAutoscalerV1Strategy implements Strategy<HorizontalPodAutoscaler> {

    private static final HorizontalPodAutoscalerConversion CONVERSION = new HorizontalPodAutoscalerConversion();
    private final HorizontalPodAutoscalerStrategy v2 = new HorizontalPodAutoscalerStrategy();

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerSpec spec = hpa.getSpec() == null ? new HorizontalPodAutoscalerSpec() : hpa.getSpec();
        hpa.setSpec(spec);
        if (spec.getMinReplicas() == null) {
            spec.setMinReplicas(1);
        }
    }

    @Override
    public List<FieldError> validate(HorizontalPodAutoscaler hpa) {
        return v2.validate(toV2(hpa));
    }

    @Override
    public List<TableColumn<HorizontalPodAutoscaler>> tableColumns() {
        return v2.tableColumns().stream()
                .map(c -> new TableColumn<HorizontalPodAutoscaler>(c.definition(), (h, now) -> c.cell().of(toV2(h), now)))
                .toList();
    }

    private static io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler toV2(HorizontalPodAutoscaler hpa) {
        try {
            return ObjectCodec.JSON.treeToValue(CONVERSION.toStorage(ObjectCodec.JSON.valueToTree(hpa)),
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("HorizontalPodAutoscaler does not convert to autoscaling/v2", e);
        }
    }
}
