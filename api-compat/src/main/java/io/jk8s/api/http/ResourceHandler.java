package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.patch.PatchType;
import io.jk8s.api.registry.CreateOnlyResource;
import io.jk8s.api.registry.ListPage;
import io.jk8s.api.registry.ReadOnlyResource;
import io.jk8s.api.registry.ListQuery;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.SubresourceUpdate;
import io.jk8s.api.registry.WriteTracker;
import io.jk8s.api.registry.authentication.RequestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.jk8s.api.table.TableConvertor;
import io.jk8s.api.watch.WatchQuery;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The REST verbs over HTTP for every resource in the table: parses the URL and query, picks the
 * verb, runs the {@link ResourceStore} call on a worker thread and writes the result in the
 * negotiated representation.
 */
final class ResourceHandler {

    private static final Set<Representation> OBJECT_REPRESENTATIONS = EnumSet.of(Representation.JSON, Representation.YAML);
    private static final Set<Representation> READ_REPRESENTATIONS =
            EnumSet.of(Representation.JSON, Representation.YAML, Representation.TABLE);

    private final Registry registry;
    private final Supplier<SchemaCatalog> schemas;
    private final Clock clock;
    private final Duration bookmarkInterval;

    ResourceHandler(Registry registry, Supplier<SchemaCatalog> schemas, Clock clock, Duration bookmarkInterval) {
        this.registry = registry;
        this.schemas = schemas;
        this.clock = clock;
        this.bookmarkInterval = bookmarkInterval;
    }

    void handle(RoutingContext ctx, String group, String version, String rest) {
        RequestPath path = RequestPath.parse(group, version, rest);
        ResourceType<?> type = registry.table().find(group, version, path.resource())
                .orElseThrow(StatusErrors::pathNotFound);
        if ((!type.namespaced() && path.namespace() != null)
                || (type.namespaced() && !path.isCollection() && path.namespace() == null)) {
            throw StatusErrors.pathNotFound();
        }
        if (!type.stored()) {
            serveComputed(ctx, type, path);
            return;
        }
        ResourceStore<?> store = registry.storeFor(type);
        if (store == null) {
            // a custom resource whose definition went away since the lookup
            throw StatusErrors.pathNotFound();
        }
        if (path.subresource() != null) {
            SubresourceHandler.serve(ctx, store, path, schemas, clock);
        } else {
            serve(ctx, store, path);
        }
    }

    private <T extends HasMetadata> void serveComputed(RoutingContext ctx, ResourceType<T> type, RequestPath path) {
        if (type.computed() instanceof ReadOnlyResource<T> resource) {
            ReadOnlyHandler.serve(ctx, type, resource, path, clock);
        } else {
            CreateOnlyHandler.serve(ctx, type, (CreateOnlyResource<T>) type.computed(), path, schemas.get());
        }
    }

    private <T extends HasMetadata> void serve(RoutingContext ctx, ResourceStore<T> store, RequestPath path) {
        ResourceType<T> type = store.type();
        String verb = verb(ctx, path);
        boolean needsNamespace = verb.equals("create") || verb.equals("deletecollection");
        if (!type.supports(verb) || (needsNamespace && type.namespaced() && path.namespace() == null)) {
            throw StatusErrors.methodNotSupported(type.group(), type.plural(), verb);
        }
        MultiMap query = ctx.queryParams();
        String ns = path.namespace();
        switch (verb) {
            case "get" -> {
                Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), READ_REPRESENTATIONS);
                String acceptEncoding = Responses.acceptEncoding(ctx);
                blocking(ctx, () -> {
                    if (rep == Representation.JSON) {
                        return EncodedBody.encoded(store.getJson(ns, path.name()), rep.contentType(), acceptEncoding);
                    }
                    T o = store.get(ns, path.name());
                    return EncodedBody.of(render(store, rep, List.of(o), listMeta(o), query, o), rep, acceptEncoding);
                }).onSuccess(body -> Responses.send(ctx, 200, body));
            }
            case "list" -> {
                Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), READ_REPRESENTATIONS);
                ListQuery listQuery = new ListQuery(query.get("labelSelector"), query.get("fieldSelector"),
                        parseLong(query.get("limit"), "limit"), query.get("continue"), query.get("resourceVersion"),
                        query.get("resourceVersionMatch"));
                String acceptEncoding = Responses.acceptEncoding(ctx);
                // encoded on the worker: a list of thousands of objects must not hold an event loop
                blocking(ctx, () -> {
                    if (rep == Representation.JSON) {
                        ListPage<byte[]> page = store.listJson(ns, listQuery);
                        return EncodedBody.encoded(JsonListBody.of(type.listKind(), type.apiVersion(), listMeta(page), page.items()),
                                rep.contentType(), acceptEncoding);
                    }
                    ListPage<T> page = store.list(ns, listQuery);
                    return EncodedBody.of(render(store, rep, page.items(), listMeta(page), query, null), rep, acceptEncoding);
                }).onSuccess(body -> Responses.send(ctx, 200, body));
            }
            case "watch" -> {
                Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), READ_REPRESENTATIONS);
                WatchQuery watchQuery = new WatchQuery(query.get("labelSelector"), query.get("fieldSelector"),
                        query.get("resourceVersion"), isTrue(query.get("allowWatchBookmarks")),
                        query.contains("sendInitialEvents") ? isTrue(query.get("sendInitialEvents")) : null);
                long timeout = parseLong(query.get("timeoutSeconds"), "timeoutSeconds");
                new WatchResponse<>(ctx, store, rep, TableConvertor.IncludeObject.parse(query.get("includeObject")), clock,
                        timeout > 0 ? Duration.ofSeconds(timeout) : WatchResponse.DEFAULT_TIMEOUT, bookmarkInterval)
                        .start(ns, watchQuery);
            }
            case "create" -> {
                Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), OBJECT_REPRESENTATIONS);
                WriteOptions options = WriteOptions.parse(query);
                RequestObjects objects = new RequestObjects(schemas.get());
                WriteTracker tracker = FieldManagers.tracker(ctx, options, schemas.get(), type, clock, null);
                writing(ctx, rep, () -> {
                    RequestObjects.Decoded<T> body = readBody(ctx, type, options, objects);
                    return new Written(201, store.createStored(ns, body.object(), options.dryRun(), tracker), body.warnings());
                });
            }
            case "update" -> {
                Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), OBJECT_REPRESENTATIONS);
                WriteOptions options = WriteOptions.parse(query);
                RequestObjects objects = new RequestObjects(schemas.get());
                WriteTracker tracker = FieldManagers.tracker(ctx, options, schemas.get(), type, clock, null);
                writing(ctx, rep, () -> {
                    RequestObjects.Decoded<T> body = readBody(ctx, type, options, objects);
                    return new Written(200, store.updateStored(ns, path.name(), body.object(), options.dryRun(), tracker), body.warnings());
                });
            }
            case "patch" -> patch(ctx, store, ns, path.name(), null, schemas.get(), clock);
            case "delete" -> {
                Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), OBJECT_REPRESENTATIONS);
                DeleteOptions options = readDeleteOptions(ctx);
                boolean dryRun = WriteOptions.parse(query).dryRun()
                        || (options.getDryRun() != null && options.getDryRun().contains("All"));
                blocking(ctx, () -> store.delete(ns, path.name(), options, dryRun))
                        .onSuccess(o -> Responses.write(ctx, 200, o, rep));
            }
            case "deletecollection" -> {
                Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), OBJECT_REPRESENTATIONS);
                DeleteOptions options = readDeleteOptions(ctx);
                ListQuery selectors = new ListQuery(query.get("labelSelector"), query.get("fieldSelector"), 0, null, null, null);
                boolean dryRun = WriteOptions.parse(query).dryRun()
                        || (options.getDryRun() != null && options.getDryRun().contains("All"));
                blocking(ctx, () -> store.deleteCollection(ns, selectors, options, dryRun)).onSuccess(items -> Responses.write(ctx, 200,
                        new ObjectList(type.listKind(), type.apiVersion(), new ListMeta(), items), rep));
            }
            default -> throw StatusErrors.methodNotSupported(type.group(), type.plural(), verb);
        }
    }

    /** kube's verb names, from the method and whether the URL names an object. */
    private static String verb(RoutingContext ctx, RequestPath path) {
        HttpMethod method = ctx.request().method();
        boolean collection = path.isCollection();
        if (method.equals(HttpMethod.GET)) {
            return collection ? (isTrue(ctx.queryParams().get("watch")) ? "watch" : "list") : "get";
        } else if (method.equals(HttpMethod.POST)) {
            return collection ? "create" : "post";
        } else if (method.equals(HttpMethod.PUT)) {
            return collection ? "put" : "update";
        } else if (method.equals(HttpMethod.PATCH)) {
            return collection ? "patchcollection" : "patch";
        } else if (method.equals(HttpMethod.DELETE)) {
            return collection ? "deletecollection" : "delete";
        }
        return method.name().toLowerCase(java.util.Locale.ROOT);
    }

    private <T extends HasMetadata> Object render(ResourceStore<T> store, Representation rep, java.util.List<T> items,
                                                  ListMeta meta, MultiMap query, T single) {
        if (rep == Representation.TABLE) {
            return TableConvertor.convert(store.type().strategy().tableColumns(), items, meta,
                    TableConvertor.IncludeObject.parse(query.get("includeObject")), clock.instant());
        }
        if (single != null) {
            return single;
        }
        return new ObjectList(store.type().listKind(), store.type().apiVersion(), meta, items);
    }

    private static ListMeta listMeta(HasMetadata object) {
        ListMeta meta = new ListMeta();
        meta.setResourceVersion(object.getMetadata().getResourceVersion());
        return meta;
    }

    private static ListMeta listMeta(ListPage<?> page) {
        ListMeta meta = new ListMeta();
        meta.setResourceVersion(Long.toString(page.revision()));
        meta.setContinue(page.continueToken());
        meta.setRemainingItemCount(page.remainingItemCount());
        return meta;
    }

    /**
     * PATCH of an object, or through {@code /status} ({@code subresource}) of its status only. The
     * patch may be re-applied on a conflict retry, so the answer carries the last attempt's warnings.
     * Server-side apply goes to {@link ServerSideApply}.
     */
    static <T extends HasMetadata> void patch(RoutingContext ctx, ResourceStore<T> store, String ns, String name,
                                              String subresource, SchemaCatalog catalog, Clock clock) {
        patch(ctx, store, ns, name, subresource, null, catalog, clock);
    }

    /** {@link #patch} through a subresource with its own rules ({@code part}; null for the main resource and /status). */
    static <T extends HasMetadata> void patch(RoutingContext ctx, ResourceStore<T> store, String ns, String name,
                                              String subresource, SubresourceUpdate<T> part, SchemaCatalog catalog, Clock clock) {
        Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), OBJECT_REPRESENTATIONS);
        PatchType patchType = PatchType.fromContentType(ctx.request().getHeader("Content-Type"));
        WriteOptions options = WriteOptions.parse(ctx.queryParams());
        FieldManagers.checkPatchOptions(options, patchType);
        byte[] patch = RequestBodies.bytes(ctx);
        RequestObjects objects = new RequestObjects(catalog);
        if (patchType == PatchType.APPLY && part != null) {
            // server-side apply through such a subresource is not served yet
            throw StatusErrors.unsupportedMediaType("application/json-patch+json, "
                    + "application/merge-patch+json, application/strategic-merge-patch+json");
        }
        if (patchType == PatchType.APPLY) {
            JsonNode config = objects.applyConfiguration(patch, store.type(), ns, name);
            ServerSideApply<T> apply = new ServerSideApply<>(store, FieldManagers.forType(catalog, store.type(), clock));
            writing(ctx, rep, () -> {
                ServerSideApply.Result<T> r = apply.apply(ns, name, subresource, config, options.fieldManager(),
                        Boolean.TRUE.equals(options.force()), options.dryRun());
                return new Written(r.created() ? 201 : 200, r.object(), List.of());
            });
            return;
        }
        boolean status = "status".equals(subresource);
        WriteTracker tracker = FieldManagers.tracker(ctx, options, catalog, store.type(), clock, subresource);
        AtomicReference<List<String>> warnings = new AtomicReference<>(List.of());
        java.util.function.UnaryOperator<T> apply = current -> {
            RequestObjects.Decoded<T> patched = objects.patch(current, store.type(), patchType, patch, options.fieldValidation());
            warnings.set(patched.warnings());
            return patched.object();
        };
        writing(ctx, rep, () -> new Written(200, part != null
                ? store.patchSubresource(ns, name, part, options.dryRun(), tracker, apply)
                : store.patchStored(ns, name, status, options.dryRun(), tracker, apply), warnings.get()));
    }

    /** What a write answers: its status code, the object (or Status), and field validation warnings. */
    record Written(int code, Object object, List<String> warnings) {}

    /**
     * Runs a write on a worker, request decoding and answer encoding included: turning JSON into
     * objects and back is most of a write's CPU, and the event loop that serves every connection
     * must only move bytes.
     */
    static void writing(RoutingContext ctx, Representation rep, Callable<Written> write) {
        String acceptEncoding = Responses.acceptEncoding(ctx);
        blocking(ctx, () -> {
            Written written = write.call();
            return new EncodedAnswer(written.code(), EncodedBody.of(written.object(), rep, acceptEncoding), written.warnings());
        }).onSuccess(answer -> {
            FieldValidation.addWarnings(ctx, answer.warnings());
            Responses.send(ctx, answer.code(), answer.body());
        });
    }

    private record EncodedAnswer(int code, EncodedBody body, List<String> warnings) {}

    static void written(RoutingContext ctx, int code, Object object, Representation rep, List<String> warnings) {
        FieldValidation.addWarnings(ctx, warnings);
        Responses.write(ctx, code, object, rep);
    }

    /** A create or update body, decoded under the request's field validation and checked against the URL's kind. */
    static <T extends HasMetadata> RequestObjects.Decoded<T> readBody(RoutingContext ctx, ResourceType<T> type,
                                                                       WriteOptions options, RequestObjects objects) {
        RequestObjects.Decoded<T> decoded = objects.decode(RequestBodies.readTree(ctx), type, options.fieldValidation());
        T object = decoded.object();
        if (object.getKind() != null && !object.getKind().isEmpty() && !object.getKind().equals(type.kind())) {
            throw StatusErrors.badRequest(object.getKind() + " in version \"" + object.getApiVersion()
                    + "\" cannot be handled as a " + type.kind() + ": the kind in the body does not match the resource");
        }
        if (object.getApiVersion() != null && !object.getApiVersion().isEmpty() && !object.getApiVersion().equals(type.apiVersion())) {
            throw StatusErrors.badRequest("the API version in the data (" + object.getApiVersion()
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        return decoded;
    }

    private static DeleteOptions readDeleteOptions(RoutingContext ctx) {
        DeleteOptions options = RequestBodies.read(ctx, DeleteOptions.class);
        return options == null ? new DeleteOptions() : options;
    }

    /** Runs a blocking storage call on a worker, as the request's user; a failure is answered as a Status. */
    static <R> Future<R> blocking(RoutingContext ctx, Callable<R> call) {
        RequestUser user = AuthorizationFilter.user(ctx);
        return ctx.vertx().<R>executeBlocking(() -> RequestUser.callAs(user, call), false)
                .onFailure(failure -> Responses.error(ctx, failure));
    }

    static boolean isTrue(String value) {
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }

    private static long parseLong(String value, String name) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw StatusErrors.badRequest(name + ": Invalid value: \"" + value + "\": must be a non-negative integer");
        }
    }
}
