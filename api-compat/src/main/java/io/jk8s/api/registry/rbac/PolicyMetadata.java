package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;

/** The metadata rules of kube's RBAC default policy (bootstrappolicy and reconciliation). */
final class PolicyMetadata {

    static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    static final Map<String, String> LABELS = Map.of("kubernetes.io/bootstrapping", "rbac-defaults");

    private PolicyMetadata() {}

    /** Every default carries the bootstrapping label and autoupdate "true" (bootstrappolicy's addDefaultMetadata). */
    static void addDefaults(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(LABELS);
        if (meta.getLabels() != null) {
            labels.putAll(meta.getLabels());
        }
        meta.setLabels(labels);
        Map<String, String> annotations = new LinkedHashMap<>(Map.of(AUTOUPDATE, "true"));
        if (meta.getAnnotations() != null) {
            annotations.putAll(meta.getAnnotations());
        }
        meta.setAnnotations(annotations);
    }

    /** An administrator opts a default out of reconciliation by setting autoupdate to "false". */
    static boolean isProtected(HasMetadata existing) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        return annotations != null && "false".equals(annotations.get(AUTOUPDATE));
    }

    /** Adds the expected labels and annotations the stored object lacks; stored values win. */
    static boolean merge(HasMetadata existing, HasMetadata expected) {
        ObjectMeta meta = existing.getMetadata();
        Map<String, String> labels = union(expected.getMetadata().getLabels(), meta.getLabels());
        Map<String, String> annotations = union(expected.getMetadata().getAnnotations(), meta.getAnnotations());
        boolean changed = !labels.equals(orEmpty(meta.getLabels())) || !annotations.equals(orEmpty(meta.getAnnotations()));
        meta.setLabels(labels);
        meta.setAnnotations(annotations);
        return changed;
    }

    private static Map<String, String> union(Map<String, String> expected, Map<String, String> existing) {
        Map<String, String> merged = new LinkedHashMap<>(orEmpty(expected));
        merged.putAll(orEmpty(existing));
        return merged;
    }

    private static Map<String, String> orEmpty(Map<String, String> values) {
        return values == null ? Map.of() : values;
    }
}
