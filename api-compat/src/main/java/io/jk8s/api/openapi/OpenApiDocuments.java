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
import java.util.TreeMap;

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

    private final List<ResourceType<?>> builtIn;
    private final List<ResourceType<?>> custom;
    private final SchemaCatalog catalog;
    private final String serverVersion;
    /** Rendered on first use after the custom resources changed: only some clients ask for it. */
    private volatile Document v2;
    /** Encoded on first use, as kube-openapi does: only kubectl validating a List asks for it. */
    private volatile byte[] v2Protobuf;
    private final Document v3Index;
    private final Map<String, Document> builtInV3;
    private final Map<String, Document> v3ByPath;

    public OpenApiDocuments(ResourceTable table, SchemaCatalog catalog, String serverVersion) {
        this.builtIn = table.all();
        this.custom = List.of();
        this.catalog = catalog;
        this.serverVersion = serverVersion;
        this.builtInV3 = Map.copyOf(v3Documents(builtIn, Dialect.V3));
        this.v3ByPath = builtInV3;
        this.v3Index = index(builtInV3);
        this.v2 = rendered(document(Dialect.V2, builtIn));
    }

    private OpenApiDocuments(OpenApiDocuments builtInDocuments, List<ResourceType<?>> custom) {
        this.builtIn = builtInDocuments.builtIn;
        this.custom = List.copyOf(custom);
        this.catalog = builtInDocuments.catalog;
        this.serverVersion = builtInDocuments.serverVersion;
        this.builtInV3 = builtInDocuments.builtInV3;
        Map<String, Document> v3 = new LinkedHashMap<>(builtInV3);
        v3Documents(custom, Dialect.V3).forEach(v3::putIfAbsent);
        this.v3ByPath = Map.copyOf(v3);
        this.v3Index = index(v3);
    }

    /**
     * The documents with {@code customRows} (the custom resources served now) published beside the
     * built-in kinds, as kube's openapi controllers republish them on every definition change; this
     * object itself when it was made for the same rows. Only the custom group versions are rendered.
     */
    public OpenApiDocuments including(List<ResourceType<?>> customRows) {
        if (sameRows(customRows, custom)) {
            return this;
        }
        return new OpenApiDocuments(this, customRows);
    }

    /** The rows are replaced, never modified, when a definition changes: identity says whether anything did. */
    private static boolean sameRows(List<ResourceType<?>> a, List<ResourceType<?>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The swagger 2.0 document of every served kind; rendered on first call, so not on an event loop. */
    public Document v2() {
        Document rendered = v2;
        if (rendered == null) {
            synchronized (this) {
                if (v2 == null) {
                    List<ResourceType<?>> all = new ArrayList<>(builtIn);
                    all.addAll(custom);
                    v2 = rendered(document(Dialect.V2, all));
                }
                rendered = v2;
            }
        }
        return rendered;
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
                    v2Protobuf = GnosticDocument.encode(ObjectCodec.fromJson(v2().json(), JsonNode.class));
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

    private Map<String, Document> v3Documents(List<ResourceType<?>> types, Dialect dialect) {
        Map<String, List<ResourceType<?>>> byGroupVersion = new LinkedHashMap<>();
        for (ResourceType<?> type : types) {
            byGroupVersion.computeIfAbsent(path(type), p -> new ArrayList<>()).add(type);
        }
        Map<String, Document> v3 = new LinkedHashMap<>();
        byGroupVersion.forEach((path, inPath) -> v3.put(path, rendered(document(dialect, inPath))));
        return v3;
    }

    private static Document index(Map<String, Document> v3) {
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        ObjectNode paths = index.putObject("paths");
        v3.forEach((path, doc) -> paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + doc.hash()));
        return rendered(index);
    }

    private static String path(ResourceType<?> type) {
        return type.group().isEmpty() ? "api/" + type.version() : "apis/" + type.group() + "/" + type.version();
    }

    /**
     * One document in either dialect: the resources' paths and every schema they reach. (v2 is one
     * document for all groups, v3 one per group version.) A custom resource brings its own
     * definition and gets kube's list schema for it (apiextensions-apiserver's builder.go).
     */
    private ObjectNode document(Dialect dialect, List<ResourceType<?>> types) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        boolean onlyCustom = types.stream().allMatch(t -> t.strategy().publishedSchema().isPresent());
        if (dialect == Dialect.V3) {
            doc.put("openapi", "3.0.0");
        } else {
            doc.put("swagger", "2.0");
        }
        if (dialect == Dialect.V3 && onlyCustom) {
            doc.putObject("info").put("title", "Kubernetes CRD Swagger").put("version", "v0.1.0");
        } else {
            doc.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
        }
        PathRenderer paths = new PathRenderer(dialect);
        ObjectNode pathsNode = doc.putObject("paths");
        List<String> roots = new ArrayList<>(List.of(SchemaNames.META + "Status", SchemaNames.META + "DeleteOptions", SchemaNames.PATCH));
        Map<String, ObjectNode> published = new TreeMap<>();
        for (ResourceType<?> type : types) {
            Optional<PublishedSchema> own = type.strategy().publishedSchema();
            String schema;
            String list;
            if (own.isPresent()) {
                schema = SchemaNames.forCustomKind(type.group(), type.version(), type.kind());
                list = SchemaNames.forCustomKind(type.group(), type.version(), type.listKind());
                ObjectNode definition = own.get().in(dialect).deepCopy();
                definition.putArray("x-kubernetes-group-version-kind").add(SchemaRenderer.gvk(
                        new TypeSchema.GroupVersionKind(type.group(), type.version(), type.kind())));
                published.put(schema, definition);
                ObjectNode listSchema = KubeNativeProperties.listSchema(type.plural(), type.listKind(), type.kind(), schema, dialect);
                listSchema.putArray("x-kubernetes-group-version-kind").add(SchemaRenderer.gvk(
                        new TypeSchema.GroupVersionKind(type.group(), type.version(), type.listKind())));
                published.put(list, listSchema);
                roots.add(SchemaNames.META + "ObjectMeta");
                roots.add(SchemaNames.META + "ListMeta");
            } else {
                schema = schemaName(catalog, type, type.kind());
                // the reviews, which are only created, have no list kind
                list = type.supports("list") ? schemaName(catalog, type, type.listKind()) : null;
                roots.add(schema);
                if (list != null) {
                    roots.add(list);
                }
            }
            paths.render(type, schema, list, pathsNode);
            type.subresources().stream().filter(sub -> !ConnectSubresources.isConnect(sub) && !sub.kind().equals(type.kind()))
                    .forEach(sub -> roots.add(SchemaNames.forKind(sub.group(), sub.version(), sub.kind())));
        }
        SchemaRenderer renderer = new SchemaRenderer(dialect);
        Map<String, ObjectNode> all = new TreeMap<>(published);
        catalog.closure(roots).forEach(name -> all.put(name, renderer.render(catalog.type(name).orElseThrow())));
        ObjectNode schemas = dialect == Dialect.V3 ? doc.putObject("components").putObject("schemas") : doc.putObject("definitions");
        all.forEach(schemas::set);
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
