package io.jk8s.conformance.support;

/** The manifests of test CustomResourceDefinitions: one namespaced version {@code v1}, served and stored. */
public final class CustomResourceDefinitions {

    private CustomResourceDefinitions() {}

    /**
     * A definition of {@code kind} in {@code group} whose objects' {@code spec} has {@code specProperties}
     * (YAML of the properties, each at the start of a line).
     */
    public static String namespaced(String group, String plural, String kind, String specProperties) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %1$s.%2$s
                spec:
                  group: %2$s
                  scope: Namespaced
                  names: {plural: %1$s, singular: %3$s, kind: %4$s}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                """.formatted(plural, group, kind.toLowerCase(java.util.Locale.ROOT), kind)
                + specProperties.indent(14);
    }
}
