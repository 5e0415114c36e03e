package io.jk8s.api.openapi;

import com.google.gson.annotations.SerializedName;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The descriptions kube's OpenAPI documents carry for each type and field (the API types' Go doc
 * comments), which {@code kubectl explain} prints. The fabric8 model has none; the upstream Java
 * client's generated models carry the same text in swagger annotations: {@code @ApiModel} on the
 * type, {@code @ApiModelProperty} on each property's getter. Those lost the descriptions of fields
 * whose type is another schema, which {@link ReferenceFieldDescriptions} supplies.
 */
final class ModelDescriptions {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    private record Model(String description, Map<String, String> fields) {}

    private final Map<String, Optional<Model>> byDefinition = new ConcurrentHashMap<>();
    private final ReferenceFieldDescriptions referenceFields = ReferenceFieldDescriptions.load();

    /** The description of a definition such as {@code io.k8s.api.core.v1.Container}, if upstream has one. */
    Optional<String> type(String definition) {
        return model(definition).map(Model::description).filter(d -> !d.isEmpty());
    }

    /** The description of one property of a definition, by its JSON name. */
    Optional<String> field(String definition, String property) {
        return model(definition).map(m -> m.fields().get(property)).or(() -> referenceFields.field(definition, property));
    }

    private Optional<Model> model(String definition) {
        return byDefinition.computeIfAbsent(definition, ModelDescriptions::load);
    }

    private static Optional<Model> load(String definition) {
        for (String name : classNames(definition)) {
            try {
                return Optional.of(read(Class.forName(MODELS + name, false, ModelDescriptions.class.getClassLoader())));
            } catch (ClassNotFoundException | LinkageError e) {
                // not this name (or not loadable here): try the next, else there is no description
            }
        }
        return Optional.empty();
    }

    /**
     * The generator's class names for a definition: version and kind ({@code V1Container}), with
     * the group in front where two groups have a kind of the same name ({@code CoreV1Event},
     * {@code EventsV1Event}); that form is tried first.
     */
    static List<String> classNames(String definition) {
        String[] parts = definition.split("\\.");
        if (parts.length < 3) {
            return List.of();
        }
        String versionAndKind = capitalize(parts[parts.length - 2]) + parts[parts.length - 1];
        List<String> names = new ArrayList<>();
        if (definition.startsWith("io.k8s.api.") && parts.length == 6) {
            names.add(capitalize(parts[3]) + versionAndKind);
        } else if (definition.startsWith("io.k8s.apiextensions-apiserver.")) {
            names.add("Apiextensions" + versionAndKind);
        } else if (definition.startsWith("io.k8s.kube-aggregator.")) {
            names.add("Apiregistration" + versionAndKind);
        }
        names.add(versionAndKind);
        return names;
    }

    private static Model read(Class<?> model) {
        ApiModel type = model.getAnnotation(ApiModel.class);
        Map<String, Method> getters = new HashMap<>();
        for (Method method : model.getMethods()) {
            if (method.getParameterCount() == 0) {
                getters.put(method.getName(), method);
            }
        }
        Map<String, String> fields = new HashMap<>();
        for (Field field : model.getDeclaredFields()) {
            SerializedName json = field.getAnnotation(SerializedName.class);
            if (json == null) {
                continue;
            }
            // a Java keyword is a field "_default" with getter getDefault()
            String name = capitalize(field.getName().startsWith("_") ? field.getName().substring(1) : field.getName());
            Method getter = getters.getOrDefault("get" + name, getters.get("is" + name));
            if (getter == null) {
                // the generator keeps a leading lower-case letter before an upper-case one: getxKubernetesListType()
                getter = getters.get("get" + field.getName());
            }
            ApiModelProperty property = getter == null ? null : getter.getAnnotation(ApiModelProperty.class);
            if (property != null && !property.value().isEmpty()) {
                fields.put(json.value(), property.value());
            }
        }
        return new Model(type == null ? "" : type.description(), fields);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
