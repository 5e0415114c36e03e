package io.jk8s.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.jk8s.api.codec.protobuf.ProtoWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The swagger 2.0 document in the protobuf form kube-apiserver serves to clients that ask for
 * {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf} (kubectl validating a
 * {@code kind: List}, client-go's {@code OpenAPISchema()}): gnostic's {@code openapi_v2.Document}
 * (github.com/google/gnostic-models, openapiv2/OpenAPIv2.proto). kube-openapi gets it by parsing
 * its JSON with gnostic (pkg/handler/handler.go, {@code ToProtoBinary}); this reads the same JSON
 * and maps it as gnostic does: maps become ordered {@code Named*} pairs, {@code x-} keys become
 * {@code NamedAny} vendor extensions whose {@code Any} carries the value as YAML text (clients
 * read {@code x-kubernetes-group-version-kind} from there), {@code type} and {@code items} are
 * wrapped in {@code TypeItem}/{@code ItemsItem}, and parameters and responses are the oneof
 * alternatives their {@code in} or {@code $ref} selects. A key gnostic has no field for is an
 * error here, as it is there, so a new key in the JSON cannot silently vanish from the protobuf.
 * Field numbers are those of OpenAPIv2.proto; fields are written in number order, as Go's
 * proto.Marshal writes them.
 */
public final class GnosticDocument {

    /** gnostic keeps each extension value as YAML; strings that look like numbers are quoted so they read back as strings. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private GnosticDocument() {}

    /** @throws IllegalArgumentException for JSON that gnostic would not parse into a Document */
    public static byte[] encode(JsonNode swagger) {
        return DOCUMENT.encode(swagger, "").toByteString().toByteArray();
    }

    /** How a JSON value becomes field {@code number} of the message being written. */
    @FunctionalInterface
    private interface Encoding {
        void write(ProtoWriter out, int number, JsonNode value, String path);
    }

    /** A named field; with key null, the field of a message's vendor extensions (no encoding) or of its Named* pairs. */
    private record Field(String key, int number, Encoding encoding) {}

    /**
     * One gnostic message read from a JSON object: its named fields, the field of its {@code x-}
     * vendor extensions (0: none), and the field of the {@code Named*} pairs that take every other
     * key (0: none), as {@code Paths}, {@code Responses}, {@code Definitions} and {@code Properties} do.
     */
    private static final class Message {

        private final String name;
        private final Set<String> keys = new HashSet<>();
        private final int vendorExtension;
        private final boolean takesPairs;
        /** The named fields and the extension and pair fields (key null), in number order. */
        private final List<Field> slots = new ArrayList<>();

        Message(String name, int vendorExtension, List<Field> fields) {
            this(name, vendorExtension, fields, null);
        }

        private Message(String name, int vendorExtension, List<Field> fields, Field pairs) {
            this.name = name;
            this.vendorExtension = vendorExtension;
            this.takesPairs = pairs != null;
            fields.forEach(f -> keys.add(f.key()));
            slots.addAll(fields);
            if (vendorExtension != 0) {
                slots.add(new Field(null, vendorExtension, null));
            }
            if (pairs != null) {
                slots.add(pairs);
            }
            slots.sort(Comparator.comparingInt(Field::number));
        }

        static Message pairs(String name, int vendorExtension, int namedPairs, Encoding pairValue) {
            return new Message(name, vendorExtension, List.of(), new Field(null, namedPairs, pairValue));
        }

        ProtoWriter encode(JsonNode node, String path) {
            if (!node.isObject()) {
                throw invalid(path, "a " + name + " must be an object");
            }
            List<Map.Entry<String, JsonNode>> extensions = new ArrayList<>();
            List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String key = property.getKey();
                if (keys.contains(key)) {
                    continue;
                }
                if (vendorExtension != 0 && key.startsWith("x-")) {
                    extensions.add(property);
                } else if (takesPairs) {
                    pairs.add(property);
                } else {
                    throw invalid(path, name + " has no field " + key);
                }
            }
            ProtoWriter out = new ProtoWriter();
            for (Field slot : slots) {
                if (slot.key() != null) {
                    JsonNode value = node.get(slot.key());
                    if (value != null) {
                        slot.encoding().write(out, slot.number(), value, path + "/" + slot.key());
                    }
                } else if (slot.encoding() == null) {
                    extensions.forEach(e -> out.message(slot.number(),
                            new ProtoWriter().string(NAME, e.getKey()).message(VALUE, any(e.getValue()))));
                } else {
                    for (Map.Entry<String, JsonNode> pair : pairs) {
                        ProtoWriter named = new ProtoWriter().string(NAME, pair.getKey());
                        slot.encoding().write(named, VALUE, pair.getValue(), path + "/" + pair.getKey());
                        out.message(slot.number(), named);
                    }
                }
            }
            return out;
        }
    }

    // --- scalars, checked as gnostic checks them; proto3 leaves out singular zero values ---

    @FunctionalInterface
    private interface ScalarWrite {
        void write(ProtoWriter out, int number, JsonNode value);
    }

    private static Encoding scalar(Predicate<JsonNode> accepts, String expected, ScalarWrite write) {
        return (out, number, value, path) -> {
            if (!accepts.test(value)) {
                throw invalid(path, "must be " + expected);
            }
            write.write(out, number, value);
        };
    }

    private static final Encoding STRING = scalar(JsonNode::isTextual, "a string", (out, n, v) -> out.string(n, v.textValue()));
    /** An element of a repeated string is written even when empty: it holds a place in the list. */
    private static final Encoding STRING_ELEMENT = scalar(JsonNode::isTextual, "a string", (out, n, v) -> out.stringElement(n, v.textValue()));
    private static final Encoding STRINGS = repeated(STRING_ELEMENT);
    private static final Encoding BOOL = scalar(JsonNode::isBoolean, "a boolean", (out, n, v) -> out.bool(n, v.booleanValue()));
    private static final Encoding INT64 = scalar(v -> v.isIntegralNumber() && v.canConvertToLong(), "an integer",
            (out, n, v) -> out.int64(n, v.longValue()));
    private static final Encoding DOUBLE = scalar(JsonNode::isNumber, "a number", (out, n, v) -> out.doubleValue(n, v.doubleValue()));
    private static final Encoding ANY = (out, number, value, path) -> out.message(number, any(value));

    // --- the messages, with OpenAPIv2.proto's field numbers ---

    /** Named* pairs: {@code string name = 1; <T> value = 2;} */
    private static final int NAME = 1;
    private static final int VALUE = 2;

    private static final Message DOCUMENT = new Message("Document", 16, List.of(
            new Field("swagger", 1, STRING),
            new Field("info", 2, message(() -> GnosticDocument.INFO)),
            new Field("host", 3, STRING),
            new Field("basePath", 4, STRING),
            new Field("schemes", 5, STRINGS),
            new Field("consumes", 6, STRINGS),
            new Field("produces", 7, STRINGS),
            new Field("paths", 8, message(() -> GnosticDocument.PATHS)),
            new Field("definitions", 9, message(() -> GnosticDocument.DEFINITIONS)),
            new Field("externalDocs", 15, message(() -> GnosticDocument.EXTERNAL_DOCS))));

    private static final Message INFO = new Message("Info", 7, List.of(
            new Field("title", 1, STRING),
            new Field("version", 2, STRING),
            new Field("description", 3, STRING),
            new Field("termsOfService", 4, STRING)));

    private static final Message EXTERNAL_DOCS = new Message("ExternalDocs", 3, List.of(
            new Field("description", 1, STRING),
            new Field("url", 2, STRING)));

    /** {@code repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2;} */
    private static final Message PATHS = Message.pairs("Paths", 1, 2, message(() -> GnosticDocument.PATH_ITEM));

    private static final Message PATH_ITEM = new Message("PathItem", 10, List.of(
            new Field("$ref", 1, STRING),
            new Field("get", 2, message(() -> GnosticDocument.OPERATION)),
            new Field("put", 3, message(() -> GnosticDocument.OPERATION)),
            new Field("post", 4, message(() -> GnosticDocument.OPERATION)),
            new Field("delete", 5, message(() -> GnosticDocument.OPERATION)),
            new Field("options", 6, message(() -> GnosticDocument.OPERATION)),
            new Field("head", 7, message(() -> GnosticDocument.OPERATION)),
            new Field("patch", 8, message(() -> GnosticDocument.OPERATION)),
            new Field("parameters", 9, repeated(GnosticDocument::parametersItem))));

    private static final Message OPERATION = new Message("Operation", 13, List.of(
            new Field("tags", 1, STRINGS),
            new Field("summary", 2, STRING),
            new Field("description", 3, STRING),
            new Field("externalDocs", 4, message(() -> GnosticDocument.EXTERNAL_DOCS)),
            new Field("operationId", 5, STRING),
            new Field("produces", 6, STRINGS),
            new Field("consumes", 7, STRINGS),
            new Field("parameters", 8, repeated(GnosticDocument::parametersItem)),
            new Field("responses", 9, message(() -> GnosticDocument.RESPONSES)),
            new Field("schemes", 10, STRINGS),
            new Field("deprecated", 11, BOOL)));

    private static final Message JSON_REFERENCE = new Message("JsonReference", 0, List.of(
            new Field("$ref", 1, STRING),
            new Field("description", 2, STRING)));

    private static final Message BODY_PARAMETER = new Message("BodyParameter", 6, List.of(
            new Field("description", 1, STRING),
            new Field("name", 2, STRING),
            new Field("in", 3, STRING),
            new Field("required", 4, BOOL),
            new Field("schema", 5, message(() -> GnosticDocument.SCHEMA))));

    /** Header and path parameters: required, in, description, name, then the primitive keywords from 5, extensions 22. */
    private static final Message HEADER_PARAMETER = new Message("HeaderParameterSubSchema", 22, nonBodyParameter(false, 5));
    private static final Message PATH_PARAMETER = new Message("PathParameterSubSchema", 22, nonBodyParameter(false, 5));
    /** Query and formData parameters add allowEmptyValue = 5, so their primitive keywords start at 6, extensions 23. */
    private static final Message QUERY_PARAMETER = new Message("QueryParameterSubSchema", 23, nonBodyParameter(true, 6));
    private static final Message FORM_DATA_PARAMETER = new Message("FormDataParameterSubSchema", 23, nonBodyParameter(true, 6));

    private static final Message PRIMITIVES_ITEMS = new Message("PrimitivesItems", 18, primitive(1));

    /** {@code repeated NamedResponseValue response_code = 1; repeated NamedAny vendor_extension = 2;} */
    private static final Message RESPONSES = Message.pairs("Responses", 2, 1, GnosticDocument::responseValue);

    private static final Message RESPONSE = new Message("Response", 5, List.of(
            new Field("description", 1, STRING),
            new Field("schema", 2, GnosticDocument::schemaItem)));

    /** {@code repeated NamedSchema additional_properties = 1;} (every key is a name, x- ones too) */
    private static final Message DEFINITIONS = Message.pairs("Definitions", 0, 1, message(() -> GnosticDocument.SCHEMA));
    private static final Message PROPERTIES = Message.pairs("Properties", 0, 1, message(() -> GnosticDocument.SCHEMA));

    private static final Message SCHEMA = new Message("Schema", 31, List.of(
            new Field("$ref", 1, STRING),
            new Field("format", 2, STRING),
            new Field("title", 3, STRING),
            new Field("description", 4, STRING),
            new Field("default", 5, ANY),
            new Field("multipleOf", 6, DOUBLE),
            new Field("maximum", 7, DOUBLE),
            new Field("exclusiveMaximum", 8, BOOL),
            new Field("minimum", 9, DOUBLE),
            new Field("exclusiveMinimum", 10, BOOL),
            new Field("maxLength", 11, INT64),
            new Field("minLength", 12, INT64),
            new Field("pattern", 13, STRING),
            new Field("maxItems", 14, INT64),
            new Field("minItems", 15, INT64),
            new Field("uniqueItems", 16, BOOL),
            new Field("maxProperties", 17, INT64),
            new Field("minProperties", 18, INT64),
            new Field("required", 19, STRINGS),
            new Field("enum", 20, repeated(ANY)),
            new Field("additionalProperties", 21, GnosticDocument::additionalProperties),
            new Field("type", 22, GnosticDocument::typeItem),
            new Field("items", 23, GnosticDocument::itemsItem),
            new Field("allOf", 24, repeated(message(() -> GnosticDocument.SCHEMA))),
            new Field("properties", 25, message(() -> GnosticDocument.PROPERTIES)),
            new Field("discriminator", 26, STRING),
            new Field("readOnly", 27, BOOL),
            new Field("externalDocs", 29, message(() -> GnosticDocument.EXTERNAL_DOCS)),
            new Field("example", 30, ANY)));

    // --- how JSON values become fields ---

    private static Encoding message(Supplier<Message> message) {
        return (out, number, value, path) -> out.message(number, message.get().encode(value, path));
    }

    /** A repeated field from a JSON array, each element encoded alike. */
    private static Encoding repeated(Encoding element) {
        return (out, number, value, path) -> {
            if (!value.isArray()) {
                throw invalid(path, "must be an array");
            }
            for (int i = 0; i < value.size(); i++) {
                element.write(out, number, value.get(i), path + "/" + i);
            }
        };
    }

    /** {@code Any}: {@code google.protobuf.Any value = 1; string yaml = 2;}: gnostic fills only the YAML. */
    private static ProtoWriter any(JsonNode value) {
        try {
            return new ProtoWriter().string(2, YAML.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as YAML", e);
        }
    }

    /** {@code ParametersItem}: a {@code $ref} is {@code JsonReference json_reference = 2}, anything else {@code Parameter parameter = 1}. */
    private static void parametersItem(ProtoWriter out, int number, JsonNode value, String path) {
        ProtoWriter item = new ProtoWriter();
        if (value.has("$ref")) {
            item.message(2, JSON_REFERENCE.encode(value, path));
        } else {
            item.message(1, parameter(value, path));
        }
        out.message(number, item);
    }

    /**
     * {@code Parameter}: {@code BodyParameter body_parameter = 1} for {@code in: body}, else
     * {@code NonBodyParameter non_body_parameter = 2}, which holds the sub schema of its {@code in}:
     * header = 1, formData = 2, query = 3, path = 4.
     */
    private static ProtoWriter parameter(JsonNode value, String path) {
        String in = value.path("in").asText();
        if (in.equals("body")) {
            return new ProtoWriter().message(1, BODY_PARAMETER.encode(value, path));
        }
        ProtoWriter nonBody = switch (in) {
            case "header" -> new ProtoWriter().message(1, HEADER_PARAMETER.encode(value, path));
            case "formData" -> new ProtoWriter().message(2, FORM_DATA_PARAMETER.encode(value, path));
            case "query" -> new ProtoWriter().message(3, QUERY_PARAMETER.encode(value, path));
            case "path" -> new ProtoWriter().message(4, PATH_PARAMETER.encode(value, path));
            default -> throw invalid(path, "a parameter cannot be in \"" + in + "\"");
        };
        return new ProtoWriter().message(2, nonBody);
    }

    /** The fields a non-body parameter starts with; {@code allowEmptyValue} only for query and formData. */
    private static List<Field> nonBodyParameter(boolean allowEmptyValue, int firstPrimitive) {
        List<Field> fields = new ArrayList<>(List.of(
                new Field("required", 1, BOOL),
                new Field("in", 2, STRING),
                new Field("description", 3, STRING),
                new Field("name", 4, STRING)));
        if (allowEmptyValue) {
            fields.add(new Field("allowEmptyValue", 5, BOOL));
        }
        fields.addAll(primitive(firstPrimitive));
        return List.copyOf(fields);
    }

    /**
     * The primitive keywords, numbered consecutively from {@code first} in every message that has
     * them (PrimitivesItems from 1, path and header parameters from 5, query and formData from 6).
     */
    private static List<Field> primitive(int first) {
        return List.of(
                new Field("type", first, STRING),
                new Field("format", first + 1, STRING),
                new Field("items", first + 2, message(() -> GnosticDocument.PRIMITIVES_ITEMS)),
                new Field("collectionFormat", first + 3, STRING),
                new Field("default", first + 4, ANY),
                new Field("maximum", first + 5, DOUBLE),
                new Field("exclusiveMaximum", first + 6, BOOL),
                new Field("minimum", first + 7, DOUBLE),
                new Field("exclusiveMinimum", first + 8, BOOL),
                new Field("maxLength", first + 9, INT64),
                new Field("minLength", first + 10, INT64),
                new Field("pattern", first + 11, STRING),
                new Field("maxItems", first + 12, INT64),
                new Field("minItems", first + 13, INT64),
                new Field("uniqueItems", first + 14, BOOL),
                new Field("enum", first + 15, repeated(ANY)),
                new Field("multipleOf", first + 16, DOUBLE));
    }

    /** {@code ResponseValue}: {@code Response response = 1} or, for a {@code $ref}, {@code JsonReference json_reference = 2}. */
    private static void responseValue(ProtoWriter out, int number, JsonNode value, String path) {
        ProtoWriter response = value.has("$ref") ? new ProtoWriter().message(2, JSON_REFERENCE.encode(value, path))
                : new ProtoWriter().message(1, RESPONSE.encode(value, path));
        out.message(number, response);
    }

    /** {@code SchemaItem}: {@code Schema schema = 1} ({@code FileSchema file_schema = 2}, for type file, is never served). */
    private static void schemaItem(ProtoWriter out, int number, JsonNode value, String path) {
        if (value.path("type").asText().equals("file")) {
            throw invalid(path, "file schemas are not supported");
        }
        out.message(number, new ProtoWriter().message(1, SCHEMA.encode(value, path)));
    }

    /** {@code AdditionalPropertiesItem}: oneof {@code Schema schema = 1; bool boolean = 2;} */
    private static void additionalProperties(ProtoWriter out, int number, JsonNode value, String path) {
        ProtoWriter item = new ProtoWriter();
        if (value.isBoolean()) {
            item.boolPresent(2, value.booleanValue());
        } else {
            item.message(1, SCHEMA.encode(value, path));
        }
        out.message(number, item);
    }

    /** {@code TypeItem}: {@code repeated string value = 1}, from one type name or a list of them. */
    private static void typeItem(ProtoWriter out, int number, JsonNode value, String path) {
        ProtoWriter item = new ProtoWriter();
        if (value.isArray()) {
            STRINGS.write(item, 1, value, path);
        } else {
            STRING_ELEMENT.write(item, 1, value, path);
        }
        out.message(number, item);
    }

    /** {@code ItemsItem}: {@code repeated Schema schema = 1}, from one schema or a list of them. */
    private static void itemsItem(ProtoWriter out, int number, JsonNode value, String path) {
        ProtoWriter item = new ProtoWriter();
        if (value.isArray()) {
            repeated(message(() -> SCHEMA)).write(item, 1, value, path);
        } else {
            item.message(1, SCHEMA.encode(value, path));
        }
        out.message(number, item);
    }

    private static IllegalArgumentException invalid(String path, String problem) {
        return new IllegalArgumentException("openapi v2 " + (path.isEmpty() ? "/" : path) + ": " + problem);
    }
}
