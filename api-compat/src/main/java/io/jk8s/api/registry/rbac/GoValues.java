package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.List;
import java.util.stream.Collectors;

/** Go's {@code %#v} of the RBAC values that field errors quote, as kubectl shows them. */
final class GoValues {

    private GoValues() {}

    /** {@code []string{"/healthz", "/version"}}. */
    static String stringSlice(List<String> values) {
        return values.stream().map(GoValues::quoted).collect(Collectors.joining(", ", "[]string{", "}"));
    }

    /** The internal type's {@code rbac.RoleRef{APIGroup:"…", Kind:"…", Name:"…"}}. */
    static String roleRef(RoleRef ref) {
        return "rbac.RoleRef{APIGroup:" + quoted(ref.getApiGroup()) + ", Kind:" + quoted(ref.getKind())
                + ", Name:" + quoted(ref.getName()) + "}";
    }

    private static String quoted(String value) {
        String text = value == null ? "" : value;
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
