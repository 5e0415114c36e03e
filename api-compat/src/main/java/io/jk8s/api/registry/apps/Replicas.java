package io.jk8s.api.registry.apps;

import io.jk8s.api.errors.FieldError;
import java.util.List;

/** ValidateNonnegativeField for spec.replicas, shared by every kind with replicas. */
public final class Replicas {

    private Replicas() {}

    public static List<FieldError> validate(Integer replicas) {
        if (replicas != null && replicas < 0) {
            return List.of(FieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0"));
        }
        return List.of();
    }
}
