package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.openapi.TypeSchema;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field ownership for one kind, as kube-apiserver's managedfields FieldManager keeps it: updates
 * (create, update, every non-apply patch, subresources) give the writer the fields it changed and
 * take them from everyone else; server-side apply merges a configuration into the live object,
 * removes what the applier stopped applying and nobody else owns, and refuses to take fields from
 * other managers unless forced. Works on JSON; the caller stores {@code metadata.managedFields}.
 */
public final class FieldManager {

    /** The SSA manager name kubectl uses; upstream migrates its client-side-apply state only for it. */
    private static final String KUBECTL = "kubectl";
    private static final String BEFORE_FIRST_APPLY = "before-first-apply";
    /** DefaultMaxUpdateManagers. */
    private static final int MAX_UPDATE_MANAGERS = 10;
    private static final FieldPath STATUS = FieldPath.of("status");

    private final ApplySchema schema;
    private final FieldSetBuilder sets;
    private final TypedPatch typedPatch;
    private final ObjectMerger merger;
    private final ItemRemover remover;
    private final ApplyType root;
    private final String apiVersion;
    private final String kind;
    private final boolean statusSubresource;
    private final Clock clock;
    /** What creates are compared against; built once, never modified. */
    private final JsonNode emptyObject;
    private volatile Timestamp lastTimestamp;

    public FieldManager(SchemaCatalog catalog, TypeSchema type, String apiVersion, String kind, boolean statusSubresource,
                        Clock clock) {
        this.schema = ApplySchema.of(catalog);
        this.sets = new FieldSetBuilder(schema);
        this.typedPatch = new TypedPatch(schema);
        this.merger = new ObjectMerger(schema);
        this.remover = new ItemRemover(schema);
        this.root = schema.root(type);
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.statusSubresource = statusSubresource;
        this.clock = clock;
        this.emptyObject = EmptyObject.of(schema, root, apiVersion, kind);
    }

    /**
     * The managedFields after a non-apply write of {@code object} over {@code live} (null when
     * creating), or null when the object is not tracked: an existing object without managedFields
     * stays untracked until someone applies to it (skipNonAppliedManager).
     */
    public JsonNode update(JsonNode live, JsonNode object, String manager, String subresource) {
        ManagedFields managed = decodeLiveOrNew(live, object, subresource != null);
        if (live != null && managed.isEmpty()) {
            return null;
        }
        // only compared, never modified: no copies unless managedFields must be left out
        JsonNode written = object.path("metadata").has("managedFields") ? withoutManagedFields(object) : object;
        recordUpdate(live == null ? emptyObject : withoutManagedFields(live), written, managed,
                ManagerKey.update(manager, apiVersion, subresource));
        managed.capUpdateManagers(MAX_UPDATE_MANAGERS);
        return managed.encode();
    }

    /**
     * Server-side apply of {@code config} onto {@code live} (null when the apply creates the
     * object). Answers the object to store, managedFields included.
     *
     * @throws io.jk8s.api.errors.ApiException 409 with kube's conflict message, 400 for a bad configuration
     */
    public ObjectNode apply(JsonNode live, JsonNode config, String manager, String subresource, boolean force) {
        checkConfig(config);
        List<String> typeErrors = typedPatch.errors(config, root);
        if (!typeErrors.isEmpty()) {
            // schema.GroupVersionKind's String(): "<group>/<version>, Kind=<kind>"
            throw StatusErrors.unknown("failed to create typed patch object (" + (apiVersion.contains("/") ? "" : "/") + apiVersion
                    + ", Kind=" + kind + "): " + TypedPatch.message(typeErrors));
        }
        JsonNode liveObject = live == null ? EmptyObject.of(schema, root, apiVersion, kind) : withoutManagedFields(live);
        ManagedFields managed = live == null ? ManagedFields.empty() : ManagedFields.decode(live.path("metadata").get("managedFields"));
        if (live != null && managed.isEmpty()) {
            recordUpdate(EmptyObject.of(schema, root, apiVersion, kind), liveObject, managed,
                    ManagerKey.update(BEFORE_FIRST_APPLY, apiVersion, null));
        }
        ManagerKey applier = ManagerKey.apply(manager, subresource);
        ManagedFields.Entry last = managed.get(applier);
        ManagedFields next = managed.copy();
        next.put(applier, new ManagedFields.Entry(owned(sets.of(config, root), subresource), apiVersion, last == null ? null : last.time()));
        JsonNode merged = prune(merger.merge(liveObject, config, root), next, last == null ? FieldSet.EMPTY : last.fields());
        ManagedFields result = next.copy();
        try {
            takeOwnership(liveObject, merged, result, applier, force);
        } catch (ApplyConflicts conflicts) {
            if (!KUBECTL.equals(manager) || !LastApplied.allowedConflicts(live, liveObject, sets, schema, root)
                    .map(allowed -> conflicts.paths().difference(allowed).isEmpty()).orElse(false)) {
                throw conflicts.toApiException();
            }
            result = next.copy();
            takeOwnership(liveObject, merged, result, applier, true);
        }
        ManagedFields.Entry applied = result.get(applier);
        if (applied != null && (last == null || !JsonValues.same(liveObject, merged))) {
            result.put(applier, new ManagedFields.Entry(applied.fields(), apiVersion, now()));
        }
        ObjectNode out = (ObjectNode) merged;
        if (KUBECTL.equals(manager) && live != null) {
            LastApplied.sync(live, config, out);
        }
        result.capUpdateManagers(MAX_UPDATE_MANAGERS);
        out.withObject("metadata").set("managedFields", result.encode());
        return out;
    }

    /** An update by {@code writer}: it takes every field it changed (managedFieldsUpdater + SMD Updater.Update). */
    private void recordUpdate(JsonNode live, JsonNode object, ManagedFields managed, ManagerKey writer) {
        Comparison comparison = takeOwnership(live, object, managed, null, true);
        FieldSet taken = owned(comparison.changed(), writer.subresource());
        if (comparison.isSame() || taken.isEmpty()) {
            return;
        }
        ManagedFields.Entry previous = managed.get(writer);
        managed.put(writer, new ManagedFields.Entry(previous == null ? taken : taken.union(previous.fields()), apiVersion, now()));
    }

    /**
     * SMD Updater.update: every manager but {@code self} loses the fields that changed; fields
     * added or modified that another manager owns are conflicts unless {@code force}.
     */
    private Comparison takeOwnership(JsonNode live, JsonNode object, ManagedFields managed, ManagerKey self, boolean force) {
        Comparison comparison = Comparison.of(live, object, root, schema);
        Map<ManagerKey, FieldSet> conflicts = new LinkedHashMap<>();
        for (Map.Entry<ManagerKey, ManagedFields.Entry> entry : managed.entries().entrySet()) {
            if (entry.getKey().equals(self)) {
                continue;
            }
            FieldSet conflict = entry.getValue().fields().intersection(comparison.changed());
            if (!conflict.isEmpty()) {
                conflicts.put(entry.getKey(), conflict);
            }
        }
        if (!force && !conflicts.isEmpty()) {
            throw new ApplyConflicts(conflicts);
        }
        for (Map.Entry<ManagerKey, ManagedFields.Entry> entry : Map.copyOf(managed.entries()).entrySet()) {
            if (entry.getKey().equals(self)) {
                continue;
            }
            ManagedFields.Entry e = entry.getValue();
            FieldSet kept = e.fields().difference(comparison.changed()).difference(comparison.removed());
            managed.put(entry.getKey(), new ManagedFields.Entry(kept, e.apiVersion(), e.time()));
        }
        return comparison;
    }

    /**
     * SMD Updater.prune: removes what the applier owned last time, no longer applies, and nobody
     * else owns; struct fields on the way are removed with them unless something under them is
     * still owned.
     */
    private JsonNode prune(JsonNode merged, ManagedFields managers, FieldSet lastApplied) {
        if (lastApplied.isEmpty()) {
            return merged;
        }
        FieldSet last = sets.ensureNamedFieldsAreMembers(lastApplied, root);
        JsonNode pruned = remover.remove(merged, last, root);
        FieldSet mergedSet = named(sets.of(merged, root));
        FieldSet owned = named(managers.owned());
        pruned = remover.remove(merged, mergedSet.difference(named(sets.of(pruned, root)).union(owned)), root);
        return remover.remove(merged, mergedSet.difference(named(sets.of(pruned, root))).intersection(last), root);
    }

    private FieldSet named(FieldSet set) {
        return sets.ensureNamedFieldsAreMembers(set, root);
    }

    /**
     * What a writer may own: never the metadata the server sets (stripMeta), and, for kinds with a
     * status subresource, only status through /status and never status through the main resource
     * (the strategies' reset fields).
     */
    private FieldSet owned(FieldSet fields, String subresource) {
        if ("status".equals(subresource)) {
            return fields.filter(p -> !StrippedFields.SET.has(p) && p.startsWith(STATUS));
        }
        if (subresource == null && statusSubresource) {
            return fields.filter(p -> !StrippedFields.SET.has(p) && !p.startsWith(STATUS));
        }
        return fields.difference(StrippedFields.SET);
    }

    private void checkConfig(JsonNode config) {
        if (!config.isObject()) {
            throw StatusErrors.badRequest("error decoding YAML: the apply configuration must be an object");
        }
        String version = config.path("apiVersion").asText("");
        String configKind = config.path("kind").asText("");
        if (!version.equals(apiVersion) || !configKind.equals(kind)) {
            if (!configKind.isEmpty() && !configKind.equals(kind)) {
                String group = version.contains("/") ? version.substring(0, version.indexOf('/')) : "";
                String ver = version.contains("/") ? version.substring(version.indexOf('/') + 1) : version;
                throw StatusErrors.badRequest("invalid object type: " + group + "/" + ver + ", Kind=" + configKind);
            }
            throw StatusErrors.badRequest("Incorrect version specified in apply patch. Specified patch version: "
                    + version + ", expected: " + apiVersion);
        }
        if (config.path("metadata").has("managedFields") && !config.path("metadata").get("managedFields").isNull()) {
            throw StatusErrors.badRequest("metadata.managedFields must be nil");
        }
    }

    /** managedFields a client sent win over the live ones, except through subresources (decodeLiveOrNew). */
    private static ManagedFields decodeLiveOrNew(JsonNode live, JsonNode object, boolean subresource) {
        JsonNode liveFields = live == null ? null : live.path("metadata").get("managedFields");
        if (subresource) {
            return ManagedFields.decode(liveFields);
        }
        JsonNode sent = object.path("metadata").get("managedFields");
        if (sent != null && sent.isArray() && sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty()) {
            return ManagedFields.empty();
        }
        ManagedFields managed = ManagedFields.decode(sent);
        return managed.isEmpty() ? ManagedFields.decode(liveFields) : managed;
    }

    static JsonNode withoutManagedFields(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return copy;
    }

    private String now() {
        long second = clock.instant().getEpochSecond();
        Timestamp last = lastTimestamp;
        if (last == null || last.second() != second) {
            last = new Timestamp(second, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
            lastTimestamp = last;
        }
        return last.text();
    }

    /** The managedFields time of one second, formatted once: every write in that second shares it. */
    private record Timestamp(long second, String text) {}

    static JsonNode readJson(String text) {
        try {
            return ObjectCodec.JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
