package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The properties kube gives every published custom resource schema whatever its definition says:
 * {@code apiVersion} and {@code kind} from TypeMeta and {@code metadata} as a reference to
 * ObjectMeta (ListMeta for lists), described as PartialObjectMetadata(List) describes them
 * (apiextensions-apiserver's builder.go, buildKubeNative and buildListSchema).
 */
public final class KubeNativeProperties {

    static final String API_VERSION = "APIVersion defines the versioned schema of this representation of an object. Servers "
            + "should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
    static final String KIND = "Kind is a string value representing the REST resource this object represents. Servers may "
            + "infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
    private static final String OBJECT_METADATA = "Standard object's metadata. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
    private static final String LIST_METADATA = "Standard list metadata. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    private KubeNativeProperties() {}

    /** Sets {@code apiVersion}, {@code kind} and {@code metadata} (an ObjectMeta reference) on an object schema. */
    public static void addTo(ObjectNode schema, boolean v2) {
        ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        properties.set("metadata", reference("ObjectMeta", OBJECT_METADATA, v2 ? Dialect.V2 : Dialect.V3));
        addTypeMeta(properties);
    }

    /** A custom kind's list: {@code items} of the kind, ListMeta, type meta and the list kind's GVK. */
    static ObjectNode listSchema(String plural, String listKind, String kind, String itemSchema, Dialect dialect) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("description", listKind + " is a list of " + kind);
        list.put("type", "object");
        list.putArray("required").add("items");
        ObjectNode properties = list.putObject("properties");
        ObjectNode items = properties.putObject("items");
        items.put("description", "List of " + plural + ". More info: "
                + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md");
        items.put("type", "array");
        items.putObject("items").put("$ref", dialect.refPrefix + itemSchema);
        properties.set("metadata", reference("ListMeta", LIST_METADATA, dialect));
        addTypeMeta(properties);
        return list;
    }

    private static void addTypeMeta(ObjectNode properties) {
        properties.putObject("apiVersion").put("description", API_VERSION).put("type", "string");
        properties.putObject("kind").put("description", KIND).put("type", "string");
    }

    private static ObjectNode reference(String metaType, String description, Dialect dialect) {
        return JsonNodeFactory.instance.objectNode().put("description", description)
                .put("$ref", dialect.refPrefix + SchemaNames.META + metaType);
    }
}
