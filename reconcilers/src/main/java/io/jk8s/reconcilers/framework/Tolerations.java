package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Objects;

/** Whether a pod's tolerations tolerate a node's taint (kube's v1helper.TolerationsTolerateTaint). */
public final class Tolerations {

    private Tolerations() {}

    public static boolean tolerate(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return false;
        }
        for (Toleration t : tolerations) {
            boolean effect = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
            boolean key = t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(taint.getKey());
            boolean value = "Exists".equals(t.getOperator()) || Objects.equals(Objects.requireNonNullElse(t.getValue(), ""),
                    Objects.requireNonNullElse(taint.getValue(), ""));
            if (effect && key && value) {
                return true;
            }
        }
        return false;
    }
}
