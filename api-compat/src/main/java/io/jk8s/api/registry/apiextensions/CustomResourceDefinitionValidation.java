package io.jk8s.api.registry.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The static checks of apiextensions-apiserver's validation.go (ValidateCustomResourceDefinition
 * and ...Update) that a user meets: the name, group, scope, versions, names, schemas, printer
 * columns and conversion strategy, with kube's field paths and messages.
 */
final class CustomResourceDefinitionValidation {

    static final List<String> SCOPES = List.of("Cluster", "Namespaced");
    private static final List<String> CONVERSION_STRATEGIES = List.of("None", "Webhook");
    private static final String COLUMN_TYPES = "boolean,date,integer,number,string";
    private static final Set<String> COLUMN_FORMATS = Set.of("int32", "int64", "float", "double", "byte", "date", "date-time",
            "password");

    private CustomResourceDefinitionValidation() {}

    static List<FieldError> validate(CustomResourceDefinition crd) {
        List<FieldError> errors = new ArrayList<>();
        CustomResourceDefinitionSpec spec = CustomResourceDefinitionStrategy.spec(crd);
        String name = crd.getMetadata().getName();
        CustomResourceDefinitionNames names = spec.getNames() == null ? new CustomResourceDefinitionNames() : spec.getNames();
        if (name != null && !name.equals(names.getPlural() + "." + spec.getGroup())) {
            errors.add(FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        spec(spec, names, errors);
        if (crd.getStatus() == null || crd.getStatus().getStoredVersions().isEmpty()) {
            errors.add(FieldError.invalidRaw("status.storedVersions", "[]string(nil)", "must have at least one stored version"));
        }
        return errors;
    }

    /** ValidateCustomResourceDefinitionSpecUpdate: group and plural never change; scope and kind not once established. */
    static List<FieldError> validateUpdate(CustomResourceDefinition crd, CustomResourceDefinition old, boolean established) {
        List<FieldError> errors = new ArrayList<>();
        CustomResourceDefinitionSpec spec = CustomResourceDefinitionStrategy.spec(crd);
        CustomResourceDefinitionSpec oldSpec = CustomResourceDefinitionStrategy.spec(old);
        CustomResourceDefinitionNames names = spec.getNames() == null ? new CustomResourceDefinitionNames() : spec.getNames();
        CustomResourceDefinitionNames oldNames = oldSpec.getNames() == null ? new CustomResourceDefinitionNames() : oldSpec.getNames();
        spec(spec, names, errors);
        if (established) {
            immutable("spec.scope", spec.getScope(), oldSpec.getScope(), errors);
            immutable("spec.names.kind", names.getKind(), oldNames.getKind(), errors);
        }
        immutable("spec.group", spec.getGroup(), oldSpec.getGroup(), errors);
        immutable("spec.names.plural", names.getPlural(), oldNames.getPlural(), errors);
        return errors;
    }

    private static void spec(CustomResourceDefinitionSpec spec, CustomResourceDefinitionNames names, List<FieldError> errors) {
        group(spec.getGroup(), errors);
        if (isEmpty(spec.getScope())) {
            errors.add(FieldError.required("spec.scope", ""));
        } else if (!SCOPES.contains(spec.getScope())) {
            errors.add(FieldError.notSupported("spec.scope", spec.getScope(), SCOPES));
        }
        List<CustomResourceDefinitionVersion> versions = spec.getVersions();
        int storage = 0;
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (int i = 0; i < versions.size(); i++) {
            CustomResourceDefinitionVersion version = versions.get(i);
            String path = "spec.versions[" + i + "]";
            if (Boolean.TRUE.equals(version.getStorage())) {
                storage++;
            }
            unique &= seen.add(String.valueOf(version.getName()));
            String versionName = version.getName() == null ? "" : version.getName();
            NameRule.DNS1035_LABEL.check(versionName)
                    .forEach(problem -> errors.add(FieldError.invalid(path + ".name", versionName, problem)));
            columns(version.getAdditionalPrinterColumns(), path + ".additionalPrinterColumns", errors);
        }
        if (!unique) {
            errors.add(FieldError.invalidRaw("spec.versions", goVersions(versions), "must contain unique version names"));
        }
        if (storage != 1) {
            errors.add(FieldError.invalidRaw("spec.versions", goVersions(versions),
                    "must have exactly one version marked as storage version"));
        }
        required("spec.names.plural", names.getPlural(), errors);
        required("spec.names.singular", names.getSingular(), errors);
        required("spec.names.kind", names.getKind(), errors);
        required("spec.names.listKind", names.getListKind(), errors);
        names(names, errors);
        if (spec.getConversion() != null && !CONVERSION_STRATEGIES.contains(spec.getConversion().getStrategy())) {
            errors.add(FieldError.notSupported("spec.conversion.strategy", spec.getConversion().getStrategy(), CONVERSION_STRATEGIES));
        }
        // v1 prunes: the v1beta1 escape hatch is refused
        if (Boolean.TRUE.equals(spec.getPreserveUnknownFields())) {
            errors.add(FieldError.invalid("spec.preserveUnknownFields", true, "must be false"));
        }
        // v1 requires a schema for every version (requireOpenAPISchema)
        for (int i = 0; i < versions.size(); i++) {
            CustomResourceDefinitionVersion version = versions.get(i);
            String path = "spec.versions[" + i + "].schema.openAPIV3Schema";
            if (version.getSchema() == null || version.getSchema().getOpenAPIV3Schema() == null) {
                errors.add(FieldError.required(path, "schemas are required"));
            } else {
                List<FieldError> structural = new ArrayList<>();
                StructuralSchemaValidation.validate(version.getSchema().getOpenAPIV3Schema(), path, structural);
                errors.addAll(structural);
                if (structural.isEmpty()) {
                    // kube checks the defaults of structural schemas only
                    DefaultValidation.validate(version.getSchema().getOpenAPIV3Schema(), path, errors);
                }
            }
        }
    }

    private static void group(String group, List<FieldError> errors) {
        if (isEmpty(group)) {
            errors.add(FieldError.required("spec.group", ""));
            return;
        }
        List<String> problems = NameRule.DNS1123_SUBDOMAIN.check(group);
        if (!problems.isEmpty()) {
            errors.add(FieldError.invalid("spec.group", group, String.join(",", problems)));
        } else if (!group.contains(".")) {
            errors.add(FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
        }
    }

    /** ValidateCustomResourceDefinitionNames. */
    private static void names(CustomResourceDefinitionNames names, List<FieldError> errors) {
        label("spec.names.plural", names.getPlural(), names.getPlural(), "", errors);
        label("spec.names.singular", names.getSingular(), names.getSingular(), "", errors);
        String mixedCase = "may have mixed case, but should otherwise match: ";
        label("spec.names.kind", names.getKind(), lower(names.getKind()), mixedCase, errors);
        label("spec.names.listKind", names.getListKind(), lower(names.getListKind()), mixedCase, errors);
        List<String> shortNames = names.getShortNames() == null ? List.of() : names.getShortNames();
        for (int i = 0; i < shortNames.size(); i++) {
            label("spec.names.shortNames[" + i + "]", shortNames.get(i), shortNames.get(i), "", errors);
        }
        if (!isEmpty(names.getKind()) && names.getKind().equals(names.getListKind())) {
            errors.add(FieldError.invalid("spec.names.listKind", names.getListKind(), "kind and listKind may not be the same"));
        }
        List<String> categories = names.getCategories() == null ? List.of() : names.getCategories();
        for (int i = 0; i < categories.size(); i++) {
            label("spec.names.categories[" + i + "]", categories.get(i), categories.get(i), "", errors);
        }
    }

    /** ValidateCustomResourceColumnDefinition. */
    private static void columns(List<CustomResourceColumnDefinition> columns, String path, List<FieldError> errors) {
        for (int i = 0; i < columns.size(); i++) {
            CustomResourceColumnDefinition column = columns.get(i);
            String at = path + "[" + i + "]";
            required(at + ".name", column.getName(), errors);
            if (isEmpty(column.getType())) {
                errors.add(FieldError.required(at + ".type", "must be one of " + COLUMN_TYPES));
            } else if (!List.of(COLUMN_TYPES.split(",")).contains(column.getType())) {
                errors.add(FieldError.invalid(at + ".type", column.getType(), "must be one of " + COLUMN_TYPES));
            }
            if (!isEmpty(column.getFormat()) && !COLUMN_FORMATS.contains(column.getFormat())) {
                errors.add(FieldError.invalid(at + ".format", column.getFormat(),
                        "must be one of " + String.join(",", COLUMN_FORMATS.stream().sorted().toList())));
            }
            required(at + ".jsonPath", column.getJsonPath(), errors);
        }
    }

    private static void label(String field, String value, String checked, String prefix, List<FieldError> errors) {
        if (isEmpty(value)) {
            return;
        }
        List<String> problems = NameRule.DNS1035_LABEL.check(checked);
        if (!problems.isEmpty()) {
            errors.add(FieldError.invalid(field, value, prefix + String.join(",", problems)));
        }
    }

    private static void required(String field, String value, List<FieldError> errors) {
        if (isEmpty(value)) {
            errors.add(FieldError.required(field, ""));
        }
    }

    private static void immutable(String field, String value, String old, List<FieldError> errors) {
        if (!Objects.equals(value, old)) {
            errors.add(FieldError.invalid(field, value == null ? "" : value, "field is immutable"));
        }
    }

    /**
     * The versions as Go's %#v prints them: exact for none; otherwise the scalar fields only, since
     * kube's own dump holds pointer addresses no client can rely on.
     */
    private static String goVersions(List<CustomResourceDefinitionVersion> versions) {
        if (versions.isEmpty()) {
            return "[]apiextensions.CustomResourceDefinitionVersion(nil)";
        }
        List<String> shown = versions.stream().map(v -> "apiextensions.CustomResourceDefinitionVersion{Name:\""
                + Objects.toString(v.getName(), "") + "\", Served:" + Boolean.TRUE.equals(v.getServed()) + ", Storage:"
                + Boolean.TRUE.equals(v.getStorage()) + "}").toList();
        return "[]apiextensions.CustomResourceDefinitionVersion{" + String.join(", ", shown) + "}";
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
