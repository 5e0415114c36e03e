package io.jk8s.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.jk8s.api.codec.ObjectCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The protobuf v2 document decodes, with a descriptor built here from the messages of gnostic's
 * openapiv2/OpenAPIv2.proto (transcribed separately from the encoder's table, in the proto's own
 * notation, so that a wrong field number on either side shows), back into the very JSON document
 * the server serves.
 */
class GnosticDocumentTest {

    /**
     * The messages of github.com/google/gnostic-models openapiv2/OpenAPIv2.proto that the served
     * document uses. The members of a oneof are written as plain fields (the wire form is the same),
     * and a bool member as {@code optional}, so that a false one still counts as set.
     */
    private static final String OPENAPI_V2_PROTO = """
            message Document {
              string swagger = 1; Info info = 2; string host = 3; string base_path = 4; repeated string schemes = 5;
              repeated string consumes = 6; repeated string produces = 7; Paths paths = 8; Definitions definitions = 9;
              repeated NamedAny vendor_extension = 16;
            }
            message Info { string title = 1; string version = 2; string description = 3; repeated NamedAny vendor_extension = 7; }
            message Paths { repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2; }
            message NamedPathItem { string name = 1; PathItem value = 2; }
            message PathItem {
              string _ref = 1; Operation get = 2; Operation put = 3; Operation post = 4; Operation delete = 5;
              Operation options = 6; Operation head = 7; Operation patch = 8; repeated ParametersItem parameters = 9;
              repeated NamedAny vendor_extension = 10;
            }
            message Operation {
              repeated string tags = 1; string summary = 2; string description = 3; string operation_id = 5;
              repeated string produces = 6; repeated string consumes = 7; repeated ParametersItem parameters = 8;
              Responses responses = 9; repeated string schemes = 10; bool deprecated = 11; repeated NamedAny vendor_extension = 13;
            }
            message ParametersItem { Parameter parameter = 1; JsonReference json_reference = 2; }
            message JsonReference { string _ref = 1; string description = 2; }
            message Parameter { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; }
            message BodyParameter {
              string description = 1; string name = 2; string in = 3; bool required = 4; Schema schema = 5;
              repeated NamedAny vendor_extension = 6;
            }
            message NonBodyParameter {
              HeaderParameterSubSchema header_parameter_sub_schema = 1; FormDataParameterSubSchema form_data_parameter_sub_schema = 2;
              QueryParameterSubSchema query_parameter_sub_schema = 3; PathParameterSubSchema path_parameter_sub_schema = 4;
            }
            message HeaderParameterSubSchema {
              bool required = 1; string in = 2; string description = 3; string name = 4; string type = 5; string format = 6;
              string collection_format = 8; string pattern = 16; repeated NamedAny vendor_extension = 22;
            }
            message FormDataParameterSubSchema {
              bool required = 1; string in = 2; string description = 3; string name = 4; bool allow_empty_value = 5;
              string type = 6; string format = 7; string collection_format = 9; string pattern = 17; repeated NamedAny vendor_extension = 23;
            }
            message QueryParameterSubSchema {
              bool required = 1; string in = 2; string description = 3; string name = 4; bool allow_empty_value = 5;
              string type = 6; string format = 7; string collection_format = 9; Any default = 10; double maximum = 11;
              int64 max_length = 15; string pattern = 17; bool unique_items = 20; repeated Any enum = 21;
              repeated NamedAny vendor_extension = 23;
            }
            message PathParameterSubSchema {
              bool required = 1; string in = 2; string description = 3; string name = 4; string type = 5; string format = 6;
              string collection_format = 8; Any default = 9; string pattern = 16; repeated Any enum = 20;
              repeated NamedAny vendor_extension = 22;
            }
            message Responses { repeated NamedResponseValue response_code = 1; repeated NamedAny vendor_extension = 2; }
            message NamedResponseValue { string name = 1; ResponseValue value = 2; }
            message ResponseValue { Response response = 1; JsonReference json_reference = 2; }
            message Response { string description = 1; SchemaItem schema = 2; repeated NamedAny vendor_extension = 5; }
            message SchemaItem { Schema schema = 1; }
            message Definitions { repeated NamedSchema additional_properties = 1; }
            message NamedSchema { string name = 1; Schema value = 2; }
            message Properties { repeated NamedSchema additional_properties = 1; }
            message Schema {
              string _ref = 1; string format = 2; string title = 3; string description = 4; Any default = 5;
              double multiple_of = 6; double maximum = 7; bool exclusive_maximum = 8; double minimum = 9;
              bool exclusive_minimum = 10; int64 max_length = 11; int64 min_length = 12; string pattern = 13;
              int64 max_items = 14; int64 min_items = 15; bool unique_items = 16; int64 max_properties = 17;
              int64 min_properties = 18; repeated string required = 19; repeated Any enum = 20;
              AdditionalPropertiesItem additional_properties = 21; TypeItem type = 22; ItemsItem items = 23;
              repeated Schema all_of = 24; Properties properties = 25; string discriminator = 26; bool read_only = 27;
              Any example = 30; repeated NamedAny vendor_extension = 31;
            }
            message AdditionalPropertiesItem { Schema schema = 1; optional bool boolean = 2; }
            message TypeItem { repeated string value = 1; }
            message ItemsItem { repeated Schema schema = 1; }
            message NamedAny { string name = 1; Any value = 2; }
            message Any { string yaml = 2; }
            """;

    private static final Pattern MESSAGE = Pattern.compile("message (\\w+) \\{([^}]*)}");
    private static final Pattern FIELD = Pattern.compile("(repeated |optional )?(\\w+) (\\w+) = (\\d+);");
    private static final Map<String, FieldDescriptorProto.Type> SCALARS = Map.of("string", FieldDescriptorProto.Type.TYPE_STRING,
            "bool", FieldDescriptorProto.Type.TYPE_BOOL, "int64", FieldDescriptorProto.Type.TYPE_INT64,
            "double", FieldDescriptorProto.Type.TYPE_DOUBLE);

    private static final Map<String, Descriptor> MESSAGES = descriptors(OPENAPI_V2_PROTO);
    /** gnostic's containers whose Named* pairs are the keys of one JSON object. */
    private static final Set<String> PAIRS = Set.of("Paths", "Responses", "Definitions", "Properties");
    /** gnostic's wrappers of a oneof or of a one-or-many value, which stand for the value they hold. */
    private static final Set<String> WRAPPERS = Set.of("ParametersItem", "Parameter", "NonBodyParameter", "ResponseValue",
            "SchemaItem", "AdditionalPropertiesItem");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final OpenApiDocuments DOCUMENTS = ApiSchemas.build(io.jk8s.api.registry.ResourceTable.builtIn(), "v1.32.4-test")
            .documents();

    @Test
    void theProtobufDocumentDecodesToTheJsonDocument() throws Exception {
        DynamicMessage document = DynamicMessage.parseFrom(MESSAGES.get("Document"), DOCUMENTS.v2Protobuf());
        JsonNode served = ObjectCodec.JSON.readTree(DOCUMENTS.v2().json());
        assertEquals(withoutEmptyLists(served), toJson(document));
    }

    /** What kubectl reads: a kind's schema is found through the extension, and its fields through references. */
    @Test
    void kubectlFindsThePodSchemaByItsGroupVersionKind() throws Exception {
        DynamicMessage document = DynamicMessage.parseFrom(MESSAGES.get("Document"), DOCUMENTS.v2Protobuf());
        Message pod = pairs(get(document, "definitions")).get("io.k8s.api.core.v1.Pod");
        Message gvk = ((List<?>) get(pod, "vendor_extension")).stream().map(Message.class::cast)
                .filter(e -> get(e, "name").equals("x-kubernetes-group-version-kind")).findFirst().orElseThrow();
        Message any = (Message) get(gvk, "value");
        assertEquals("- group: \"\"\n  kind: Pod\n  version: v1\n", get(any, "yaml"));
        Message spec = pairs(get(pod, "properties")).get("spec");
        assertEquals("#/definitions/io.k8s.api.core.v1.PodSpec", get(spec, "_ref"));
    }

    @Test
    void aKeyGnosticHasNoFieldForIsAnError() {
        ObjectNode swagger = JSON.objectNode().put("swagger", "2.0");
        swagger.putObject("definitions").putObject("a.B").put("type", "object").put("nullable", true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GnosticDocument.encode(swagger));
        assertEquals("openapi v2 /definitions/a.B: Schema has no field nullable", e.getMessage());
    }

    @Test
    void emptyAndFalseValuesAreLeftOutAsGoLeavesThemOut() throws Exception {
        ObjectNode swagger = JSON.objectNode().put("swagger", "2.0");
        ObjectNode schema = swagger.putObject("definitions").putObject("a.B").put("description", "").put("uniqueItems", false);
        schema.put("additionalProperties", false).putArray("required").add("");
        DynamicMessage document = DynamicMessage.parseFrom(MESSAGES.get("Document"), GnosticDocument.encode(swagger));
        Message b = pairs(get(document, "definitions")).get("a.B");
        // the oneof's false is kept, the plain field's is not; a repeated string keeps its empty element
        assertEquals(ObjectCodec.JSON.readTree("{\"additionalProperties\":false,\"required\":[\"\"]}"), toJson(b));
    }

    /** An empty repeated field is no field at all on the wire: gnostic's {@code "parameters": []} reads back as absent. */
    private static JsonNode withoutEmptyLists(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.objectNode();
            node.properties().forEach(e -> {
                if (!(e.getValue().isArray() && e.getValue().isEmpty())) {
                    copy.set(e.getKey(), withoutEmptyLists(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.arrayNode();
            node.forEach(e -> copy.add(withoutEmptyLists(e)));
            return copy;
        }
        return node;
    }

    // --- the inverse of gnostic's mapping, for the messages above ---

    private static JsonNode toJson(Message message) {
        String type = message.getDescriptorForType().getName();
        assertTrue(message.getUnknownFields().asMap().isEmpty(), type + " has fields the proto does not: " + message.getUnknownFields());
        if (WRAPPERS.contains(type)) {
            assertEquals(1, message.getAllFields().size(), type + " holds one value: " + message);
            Map.Entry<FieldDescriptor, Object> only = message.getAllFields().entrySet().iterator().next();
            return value(only.getKey(), only.getValue());
        }
        switch (type) {
            case "TypeItem" -> {
                List<?> values = (List<?>) get(message, "value");
                return values.size() == 1 ? JSON.textNode((String) values.get(0)) : value(field(message, "value"), values);
            }
            case "ItemsItem" -> {
                List<?> schemas = (List<?>) get(message, "schema");
                return schemas.size() == 1 ? toJson((Message) schemas.get(0)) : value(field(message, "schema"), schemas);
            }
            case "Any" -> {
                try {
                    return ObjectCodec.YAML.readTree((String) get(message, "yaml"));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            default -> {
                ObjectNode node = JSON.objectNode();
                message.getAllFields().forEach((f, v) -> {
                    if (f.getName().equals("vendor_extension") || PAIRS.contains(type)) {
                        ((List<?>) v).forEach(p -> {
                            Message pair = (Message) p;
                            node.set((String) get(pair, "name"), toJson((Message) get(pair, "value")));
                        });
                    } else {
                        node.set(jsonName(f.getName()), value(f, v));
                    }
                });
                return node;
            }
        }
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        if (field.isRepeated()) {
            ArrayNode array = JSON.arrayNode();
            ((List<?>) value).forEach(v -> array.add(scalar(v)));
            return array;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        if (value instanceof Message m) {
            return toJson(m);
        }
        return ObjectCodec.JSON.valueToTree(value);
    }

    /** {@code operation_id} → {@code operationId}, {@code _ref} → {@code $ref}. */
    private static String jsonName(String protoName) {
        if (protoName.equals("_ref")) {
            return "$ref";
        }
        StringBuilder name = new StringBuilder();
        for (String part : protoName.split("_")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    private static Map<String, Message> pairs(Object container) {
        Message message = (Message) container;
        FieldDescriptor pairsField = message.getDescriptorForType().getFields().get(0);
        Map<String, Message> byName = new java.util.LinkedHashMap<>();
        ((List<?>) message.getField(pairsField)).forEach(p -> {
            Message pair = (Message) p;
            byName.put((String) get(pair, "name"), (Message) get(pair, "value"));
        });
        return byName;
    }

    private static Object get(Message message, String name) {
        return message.getField(field(message, name));
    }

    private static FieldDescriptor field(Message message, String name) {
        return message.getDescriptorForType().findFieldByName(name);
    }

    /** Builds descriptors from proto3 message declarations (fields only: scalars, messages, repeated). */
    private static Map<String, Descriptor> descriptors(String proto) {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName("openapiv2.proto").setPackage("openapi.v2")
                .setSyntax("proto3");
        Matcher message = MESSAGE.matcher(proto);
        while (message.find()) {
            DescriptorProto.Builder type = DescriptorProto.newBuilder().setName(message.group(1));
            Matcher f = FIELD.matcher(message.group(2));
            while (f.find()) {
                FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(f.group(3))
                        .setNumber(Integer.parseInt(f.group(4)))
                        .setLabel("repeated ".equals(f.group(1)) ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
                if ("optional ".equals(f.group(1))) {
                    // proto3 optional: a synthetic oneof of its own gives the field presence
                    type.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + f.group(3)));
                    field.setProto3Optional(true).setOneofIndex(type.getOneofDeclCount() - 1);
                }
                FieldDescriptorProto.Type scalar = SCALARS.get(f.group(2));
                if (scalar != null) {
                    field.setType(scalar);
                } else {
                    field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".openapi.v2." + f.group(2));
                }
                type.addField(field);
            }
            file.addMessageType(type);
        }
        try {
            FileDescriptor built = FileDescriptor.buildFrom(file.build(), new FileDescriptor[0]);
            Map<String, Descriptor> byName = new java.util.HashMap<>();
            built.getMessageTypes().forEach(d -> byName.put(d.getName(), d));
            return byName;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
