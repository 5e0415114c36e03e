package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.registry.ResourceTable;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.core.ConnectSubresources;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI documents, rendered once from the resource table and the schema catalog: the v2
 * swagger document, the v3 index and one v3 document per group version. Each is kept as bytes with
 * the hash kube-apiserver uses for its {@code ?hash=} URLs and ETags (upper-case hex SHA-512), so
 * clients can cache them for as long as the server runs. The v2 document is also kept in gnostic's
 * protobuf form, which shares the JSON's ETag, as in kube-openapi.
 */
public final class OpenApiDocuments {

    /** A rendered document and its content hash. */
    public record Document(byte[] json, String hash) {}

    private final Document v2;
    /** Encoded on first use, as kube-openapi does: only kubectl validating a List asks for it. */
    private volatile byte[] v2Protobuf;
    private final Document v3Index;
    private final Map<String, Document> v3ByPath;

    public OpenApiDocuments(ResourceTable table, SchemaCatalog catalog, String serverVersion) {
        Map<String, List<ResourceType<?>>> byGroupVersion = new LinkedHashMap<>();
        for (ResourceType<?> type : table.all()) {
            byGroupVersion.computeIfAbsent(path(type), p -> new ArrayList<>()).add(type);
        }
        Map<String, Document> v3 = new LinkedHashMap<>();
        byGroupVersion.forEach((path, types) -> v3.put(path, rendered(document(Dialect.V3, types, catalog, serverVersion))));
        this.v3ByPath = Map.copyOf(v3);
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        ObjectNode paths = index.putObject("paths");
        v3.forEach((path, doc) -> paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + doc.hash()));
        this.v3Index = rendered(index);
        this.v2 = rendered(document(Dialect.V2, table.all(), catalog, serverVersion));
    }

    public Document v2() {
        return v2;
    }

    /**
     * The v2 document as gnostic's {@code openapi_v2.Document}; its ETag is {@link #v2()}'s hash.
     * The first call encodes it (a few hundred milliseconds while the JIT is cold), so not on an event loop.
     */
    public byte[] v2Protobuf() {
        byte[] encoded = v2Protobuf;
        if (encoded == null) {
            synchronized (this) {
                if (v2Protobuf == null) {
                    v2Protobuf = GnosticDocument.encode(ObjectCodec.fromJson(v2.json(), JsonNode.class));
                }
                encoded = v2Protobuf;
            }
        }
        return encoded;
    }

    public Document v3Index() {
        return v3Index;
    }

    /** The v3 document for {@code api/v1} or {@code apis/<group>/<version>}. */
    public Optional<Document> v3(String groupVersionPath) {
        return Optional.ofNullable(v3ByPath.get(groupVersionPath));
    }

    private static String path(ResourceType<?> type) {
        return type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.group() + "/" + type.version();
    }

    /**
     * One document in either dialect: the resources' paths and every schema they reach. (v2 is one
     * document for all groups, v3 one per group version.)
     */
    private static ObjectNode document(Dialect dialect, List<ResourceType<?>> types, SchemaCatalog catalog, String serverVersion) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        if (dialect == Dialect.V3) {
            doc.put("openapi", "3.0.0");
        } else {
            doc.put("swagger", "2.0");
        }
        doc.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
        PathRenderer paths = new PathRenderer(dialect);
        ObjectNode pathsNode = doc.putObject("paths");
        List<String> roots = new ArrayList<>(List.of(SchemaNames.META + "Status", SchemaNames.META + "DeleteOptions", SchemaNames.PATCH));
        for (ResourceType<?> type : types) {
            String schema = schemaName(catalog, type, type.kind());
            // the reviews, which are only created, have no list kind
            String list = type.supports("list") ? schemaName(catalog, type, type.listKind()) : null;
            paths.render(type, schema, list, pathsNode);
            roots.add(schema);
            if (list != null) {
                roots.add(list);
            }
            type.subresources().stream().filter(sub -> !ConnectSubresources.isConnect(sub))
                    .forEach(sub -> roots.add(SchemaNames.forKind(sub.group(), sub.version(), sub.kind())));
        }
        SchemaRenderer renderer = new SchemaRenderer(dialect);
        ObjectNode schemas = dialect == Dialect.V3 ? doc.putObject("components").putObject("schemas") : doc.putObject("definitions");
        catalog.closure(roots).forEach(name -> schemas.set(name, renderer.render(catalog.type(name).orElseThrow())));
        return doc;
    }

    private static String schemaName(SchemaCatalog catalog, ResourceType<?> type, String kind) {
        return catalog.forKind(type.group(), type.version(), kind).map(TypeSchema::name)
                .orElseThrow(() -> new IllegalStateException("no schema for " + type.apiVersion() + " " + kind));
    }

    private static Document rendered(ObjectNode node) {
        byte[] json = ObjectCodec.toJson(node);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(json);
            return new Document(json, HexFormat.of().withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every JRE", e);
        }
    }

}
