package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.openapi.TypeSchema.GroupVersionKind;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.registry.core.ConnectSubresources;
import java.util.List;
import java.util.Locale;

/**
 * The REST paths of one resource, shaped like kube-apiserver's. kubectl reads them: it decides
 * whether the server does field validation by finding {@code fieldValidation} among the PATCH
 * operation's query parameters, and whether a kind takes strategic merge patches from the PATCH
 * request body's content types, both matched through {@code x-kubernetes-group-version-kind}.
 */
final class PathRenderer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> BODY_TYPES = List.of("application/json", "application/yaml");
    static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json");
    /** What kube's builder.go lists for a custom resource, which takes no strategic merge patch. */
    private static final List<String> CUSTOM_PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/apply-patch+yaml");
    private static final String STATUS = SchemaNames.META + "Status";
    private static final String PATCH = SchemaNames.PATCH;
    private static final String DELETE_OPTIONS = SchemaNames.META + "DeleteOptions";

    private final Dialect dialect;
    private final SchemaRenderer schemas;

    PathRenderer(Dialect dialect) {
        this.dialect = dialect;
        this.schemas = new SchemaRenderer(dialect);
    }

    /** Adds the resource's collection and item paths (and the all-namespaces list) to {@code paths}. */
    void render(ResourceType<?> type, String schemaName, String listSchemaName, ObjectNode paths) {
        String prefix = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version();
        String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        GroupVersionKind gvk = new GroupVersionKind(type.group(), type.version(), type.kind());
        String opKind = operationGroup(type) + (type.namespaced() ? "Namespaced" : "") + type.kind();

        ObjectNode items = JSON.objectNode();
        if (type.supports("list")) {
            items.set("get", operation("list" + opKind, "list", gvk, type, listSchemaName, null, List.of()));
        }
        if (type.supports("create")) {
            items.set("post", operation("create" + opKind, "post", gvk, type, schemaName, schemaName, writeParams()));
        }
        pathParams(items, type.namespaced(), false);
        paths.set(collection, items);

        ObjectNode item = JSON.objectNode();
        if (type.supports("get")) {
            item.set("get", operation("read" + opKind, "get", gvk, type, schemaName, null, List.of()));
        }
        if (type.supports("update")) {
            item.set("put", operation("replace" + opKind, "put", gvk, type, schemaName, schemaName, writeParams()));
        }
        if (type.supports("patch")) {
            item.set("patch", patchOperation("patch" + opKind, gvk, type, schemaName));
        }
        if (type.supports("delete")) {
            item.set("delete", operation("delete" + opKind, "delete", gvk, type, STATUS, DELETE_OPTIONS, List.of("dryRun")));
        }
        if (!item.isEmpty()) {
            pathParams(item, type.namespaced(), true);
            paths.set(collection + "/{name}", item);
        }

        for (Subresource sub : type.subresources()) {
            if (ConnectSubresources.isConnect(sub)) {
                paths.set(collection + "/{name}/" + sub.name(), connect(type, sub, false));
                if (sub.name().equals("proxy")) {
                    paths.set(collection + "/{name}/proxy/{path}", connect(type, sub, true));
                }
            } else {
                paths.set(collection + "/{name}/" + sub.name(), subresource(type, sub, opKind, schemaName));
            }
        }

        if (type.namespaced() && type.supports("list")) {
            ObjectNode all = JSON.objectNode();
            all.set("get", operation("list" + operationGroup(type) + type.kind() + "ForAllNamespaces", "list", gvk, type,
                    listSchemaName, null, List.of()));
            paths.set(prefix + "/" + type.plural(), all);
        }
    }

    /** {@code <name>/status}, {@code <name>/scale}, {@code <name>/binding}: operations on the subresource's own kind. */
    private ObjectNode subresource(ResourceType<?> type, Subresource sub, String opKind, String schemaName) {
        GroupVersionKind gvk = new GroupVersionKind(sub.group(), sub.version(), sub.kind());
        // /status carries the resource's own kind, whose schema may not be named after a model class
        String schema = sub.kind().equals(type.kind()) && sub.group().equals(type.group()) ? schemaName
                : SchemaNames.forKind(sub.group(), sub.version(), sub.kind());
        String suffix = Character.toUpperCase(sub.name().charAt(0)) + sub.name().substring(1);
        ObjectNode item = JSON.objectNode();
        if (sub.verbs().contains("get")) {
            item.set("get", operation("read" + opKind + suffix, "get", gvk, type, schema, null, List.of()));
        }
        if (sub.verbs().contains("create")) {
            item.set("post", operation("create" + opKind + suffix, "post", gvk, type, schema, schema, writeParams()));
        }
        if (sub.verbs().contains("update")) {
            item.set("put", operation("replace" + opKind + suffix, "put", gvk, type, schema, schema, writeParams()));
        }
        if (sub.verbs().contains("patch")) {
            item.set("patch", patchOperation("patch" + opKind + suffix, gvk, type, schema));
        }
        pathParams(item, type.namespaced(), true);
        return item;
    }

    /**
     * A connect subresource (exec, log, proxy...): kube documents each verb as an operation answering a
     * plain string, e.g. {@code connectCoreV1GetNamespacedPodExec}; {@code pods/log} is a read.
     */
    private ObjectNode connect(ResourceType<?> type, Subresource sub, boolean withPath) {
        GroupVersionKind gvk = new GroupVersionKind(sub.group(), sub.version(), sub.kind());
        String suffix = Character.toUpperCase(sub.name().charAt(0)) + sub.name().substring(1) + (withPath ? "WithPath" : "");
        String target = (type.namespaced() ? "Namespaced" : "") + type.kind() + suffix;
        ObjectNode item = JSON.objectNode();
        for (String verb : sub.verbs()) {
            String method = switch (verb) {
                case "create" -> "post";
                case "update" -> "put";
                default -> verb;
            };
            boolean read = sub.kind().equals(type.kind());
            String id = read ? "read" + operationGroup(type) + target
                    : "connect" + operationGroup(type) + Character.toUpperCase(method.charAt(0)) + method.substring(1) + target;
            ObjectNode op = JSON.objectNode();
            op.putArray("tags").add(tag(type));
            op.put("operationId", id);
            ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
            if (dialect == Dialect.V3) {
                ok.putObject("content").putObject(read ? "text/plain" : "*/*").putObject("schema").put("type", "string");
            } else {
                ok.putObject("schema").put("type", "string");
                op.putArray("produces").add(read ? "text/plain" : "*/*");
            }
            op.put("x-kubernetes-action", read ? "get" : "connect");
            op.set("x-kubernetes-group-version-kind", SchemaRenderer.gvk(gvk));
            item.set(method, op);
        }
        pathParams(item, type.namespaced(), true);
        if (withPath) {
            ((ArrayNode) item.get("parameters")).add(pathParam("path"));
        }
        return item;
    }

    private ObjectNode patchOperation(String id, GroupVersionKind gvk, ResourceType<?> type, String schema) {
        ObjectNode patch = operation(id, "patch", gvk, type, schema, null, writeParams());
        List<String> types = type.strategy().servesStrategicMergePatch() ? PATCH_TYPES : CUSTOM_PATCH_TYPES;
        if (dialect == Dialect.V3) {
            patch.set("requestBody", body(PATCH, types));
        } else {
            ArrayNode consumes = patch.putArray("consumes");
            types.forEach(consumes::add);
            ((ArrayNode) patch.get("parameters")).insert(0, bodyParam(PATCH));
        }
        return patch;
    }

    private static List<String> writeParams() {
        return List.of("dryRun", "fieldManager", "fieldValidation");
    }

    private ObjectNode operation(String id, String action, GroupVersionKind gvk, ResourceType<?> type, String responseSchema,
                                 String bodySchema, List<String> queryParams) {
        ObjectNode op = JSON.objectNode();
        op.putArray("tags").add(tag(type));
        op.put("operationId", id);
        ArrayNode params = op.putArray("parameters");
        for (String name : queryParams) {
            params.add(queryParam(name));
        }
        if (bodySchema != null) {
            if (dialect == Dialect.V3) {
                op.set("requestBody", body(bodySchema, BODY_TYPES));
            } else {
                params.insert(0, bodyParam(bodySchema));
                ArrayNode consumes = op.putArray("consumes");
                BODY_TYPES.forEach(consumes::add);
            }
        }
        ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
        if (dialect == Dialect.V3) {
            ObjectNode content = ok.putObject("content");
            BODY_TYPES.forEach(t -> content.putObject(t).putObject("schema").put("$ref", schemas.ref(responseSchema)));
        } else {
            ok.putObject("schema").put("$ref", schemas.ref(responseSchema));
            ArrayNode produces = op.putArray("produces");
            BODY_TYPES.forEach(produces::add);
        }
        op.put("x-kubernetes-action", action);
        op.set("x-kubernetes-group-version-kind", SchemaRenderer.gvk(gvk));
        return op;
    }

    private ObjectNode body(String schema, List<String> contentTypes) {
        ObjectNode body = JSON.objectNode();
        ObjectNode content = body.putObject("content");
        contentTypes.forEach(t -> content.putObject(t).putObject("schema").put("$ref", schemas.ref(schema)));
        body.put("required", true);
        return body;
    }

    private ObjectNode bodyParam(String schema) {
        ObjectNode param = JSON.objectNode().put("name", "body").put("in", "body").put("required", true);
        param.putObject("schema").put("$ref", schemas.ref(schema));
        return param;
    }

    private ObjectNode queryParam(String name) {
        ObjectNode param = JSON.objectNode().put("name", name).put("in", "query");
        if (dialect == Dialect.V3) {
            param.putObject("schema").put("type", "string");
        } else {
            param.put("type", "string");
        }
        return param;
    }

    private void pathParams(ObjectNode pathItem, boolean namespaced, boolean named) {
        ArrayNode params = pathItem.putArray("parameters");
        if (named) {
            params.add(pathParam("name"));
        }
        if (namespaced) {
            params.add(pathParam("namespace"));
        }
    }

    private ObjectNode pathParam(String name) {
        ObjectNode param = JSON.objectNode().put("name", name).put("in", "path").put("required", true);
        if (dialect == Dialect.V3) {
            param.putObject("schema").put("type", "string");
        } else {
            param.put("type", "string");
        }
        return param;
    }

    /** "core_v1", "apps_v1", "rbacAuthorization_v1": kube's tags. */
    private static String tag(ResourceType<?> type) {
        return groupWord(type) + "_" + type.version();
    }

    /** "CoreV1", "AppsV1", "RbacAuthorizationV1": the group part of kube's operation ids. */
    private static String operationGroup(ResourceType<?> type) {
        String word = groupWord(type);
        String version = type.version();
        return Character.toUpperCase(word.charAt(0)) + word.substring(1) + Character.toUpperCase(version.charAt(0)) + version.substring(1);
    }

    private static String groupWord(ResourceType<?> type) {
        if (type.group().isEmpty()) {
            return "core";
        }
        String[] parts = type.group().replace(".k8s.io", "").split("\\.");
        StringBuilder word = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            word.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return word.toString();
    }
}
