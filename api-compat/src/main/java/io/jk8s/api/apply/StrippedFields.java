package io.jk8s.api.apply;

/** The fields the server owns that no manager may (managedfields internal/stripmeta.go). */
final class StrippedFields {

    static final FieldSet SET = FieldSet.of(
            FieldPath.of("apiVersion"),
            FieldPath.of("kind"),
            FieldPath.of("metadata"),
            FieldPath.of("metadata", "name"),
            FieldPath.of("metadata", "namespace"),
            FieldPath.of("metadata", "creationTimestamp"),
            FieldPath.of("metadata", "selfLink"),
            FieldPath.of("metadata", "uid"),
            FieldPath.of("metadata", "clusterName"),
            FieldPath.of("metadata", "generation"),
            FieldPath.of("metadata", "managedFields"),
            FieldPath.of("metadata", "resourceVersion"));

    private StrippedFields() {}
}
