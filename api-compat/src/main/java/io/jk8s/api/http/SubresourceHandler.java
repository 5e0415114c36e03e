package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.patch.PatchType;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.ScaleSubresource;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.registry.WriteTracker;
import java.time.Clock;
import io.jk8s.api.registry.core.NamespaceFinalize;
import io.jk8s.api.registry.core.PodBinding;
import io.jk8s.api.registry.SubresourceUpdate;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Requests to {@code <resource>/<name>/<subresource>}: status (the parent kind, only its status
 * written), scale (an autoscaling/v1 Scale over spec.replicas), binding (pods), finalize (namespaces)
 * and those with their own write rules, which the kind's strategy names (pods/ephemeralcontainers,
 * certificatesigningrequests/approval). Which resource
 * has which comes from the resource table.
 */
final class SubresourceHandler {

    private static final Set<Representation> OBJECT_REPRESENTATIONS = EnumSet.of(Representation.JSON, Representation.YAML);

    private SubresourceHandler() {}

    static <T extends HasMetadata> void serve(RoutingContext ctx, ResourceStore<T> store, RequestPath path,
                                              Supplier<SchemaCatalog> schemas, Clock clock) {
        ResourceType<T> type = store.type();
        Subresource sub = type.subresource(path.subresource()).orElseThrow(StatusErrors::pathNotFound);
        String verb = verb(ctx.request().method());
        if (!sub.verbs().contains(verb)) {
            throw StatusErrors.methodNotSupported(type.group(), type.plural() + "/" + sub.name(), verb);
        }
        Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), OBJECT_REPRESENTATIONS);
        String ns = path.namespace();
        String name = path.name();
        switch (sub.name()) {
            case "status" -> {
                if (verb.equals("get")) {
                    ResourceHandler.blocking(ctx, () -> store.get(ns, name)).onSuccess(o -> Responses.write(ctx, 200, o, rep));
                } else if (verb.equals("update")) {
                    WriteOptions options = WriteOptions.parse(ctx.queryParams());
                    RequestObjects objects = new RequestObjects(schemas.get());
                    WriteTracker tracker = FieldManagers.tracker(ctx, options, schemas.get(), type, clock, "status");
                    ResourceHandler.writing(ctx, rep, () -> {
                        RequestObjects.Decoded<T> body = ResourceHandler.readBody(ctx, type, options, objects);
                        return new ResourceHandler.Written(200, store.updateStatus(ns, name, body.object(), options.dryRun(), tracker),
                                body.warnings());
                    });
                } else if (verb.equals("patch")) {
                    ResourceHandler.patch(ctx, store, ns, name, "status", schemas.get(), clock);
                } else {
                    throw StatusErrors.methodNotSupported(type.group(), type.plural() + "/status", verb);
                }
            }
            case "scale" -> {
                WriteOptions scaleOptions = WriteOptions.parse(ctx.queryParams());
                ScaleSubresource<T> scale = new ScaleSubresource<>(store,
                        FieldManagers.tracker(ctx, scaleOptions, schemas.get(), type, clock, "scale"));
                switch (verb) {
                    case "get" -> ResourceHandler.blocking(ctx, () -> scale.get(ns, name))
                            .onSuccess(o -> Responses.write(ctx, 200, o, rep));
                    case "update" -> {
                        Scale body = RequestBodies.read(ctx, Scale.class);
                        ResourceHandler.blocking(ctx, () -> scale.update(ns, name, body))
                                .onSuccess(o -> Responses.write(ctx, 200, o, rep));
                    }
                    default -> {
                        PatchType patchType = PatchType.fromContentType(ctx.request().getHeader("Content-Type"));
                        FieldManagers.checkPatchOptions(scaleOptions, patchType);
                        if (patchType == PatchType.APPLY) {
                            // kube applies to a Scale through its own field manager; not served here yet
                            throw StatusErrors.unsupportedMediaType("application/json-patch+json, "
                                    + "application/merge-patch+json, application/strategic-merge-patch+json");
                        }
                        FieldValidation validation = WriteOptions.parse(ctx.queryParams()).fieldValidation();
                        byte[] patch = RequestBodies.bytes(ctx);
                        RequestObjects objects = new RequestObjects(schemas.get());
                        ResourceHandler.writing(ctx, rep, () -> {
                            List<String> warnings = new ArrayList<>();
                            Scale patched = scale.patch(ns, name, current -> {
                                RequestObjects.Decoded<Scale> decoded =
                                        objects.patch(current, Scale.class, patchType, patch, validation);
                                warnings.clear();
                                warnings.addAll(decoded.warnings());
                                return decoded.object();
                            });
                            return new ResourceHandler.Written(200, patched, warnings);
                        });
                    }
                }
            }
            case "binding" -> {
                Binding binding = RequestBodies.read(ctx, Binding.class);
                if (binding == null) {
                    throw StatusErrors.badRequest("the request body is empty; expected a Binding");
                }
                @SuppressWarnings("unchecked")
                ResourceStore<Pod> pods = (ResourceStore<Pod>) store;
                ResourceHandler.blocking(ctx, () -> {
                    PodBinding.bind(pods, ns, name, binding);
                    return StatusErrors.success(201);
                }).onSuccess(o -> Responses.write(ctx, 201, o, rep));
            }
            case "finalize" -> {
                Namespace body = RequestBodies.read(ctx, Namespace.class);
                @SuppressWarnings("unchecked")
                ResourceStore<Namespace> namespaces = (ResourceStore<Namespace>) store;
                ResourceHandler.blocking(ctx, () -> NamespaceFinalize.update(namespaces, name, body))
                        .onSuccess(o -> Responses.write(ctx, 200, o, rep));
            }
            default -> {
                SubresourceUpdate<T> part = type.strategy().subresourceUpdate(sub.name()).orElseThrow(StatusErrors::pathNotFound);
                partUpdate(ctx, store, ns, name, sub.name(), part, verb, rep, schemas.get(), clock);
            }
        }
    }

    /**
     * A subresource with its own write rules (pods/ephemeralcontainers, certificatesigningrequests/approval):
     * reads the whole object, writes only the part the strategy's {@link SubresourceUpdate} takes.
     */
    private static <T extends HasMetadata> void partUpdate(RoutingContext ctx, ResourceStore<T> store, String ns, String name,
            String subresource, SubresourceUpdate<T> part, String verb, Representation rep, SchemaCatalog schemas, Clock clock) {
        switch (verb) {
            case "get" -> ResourceHandler.blocking(ctx, () -> store.get(ns, name)).onSuccess(o -> Responses.write(ctx, 200, o, rep));
            case "update" -> {
                WriteOptions options = WriteOptions.parse(ctx.queryParams());
                RequestObjects objects = new RequestObjects(schemas);
                WriteTracker tracker = FieldManagers.tracker(ctx, options, schemas, store.type(), clock, subresource);
                ResourceHandler.writing(ctx, rep, () -> {
                    RequestObjects.Decoded<T> body = ResourceHandler.readBody(ctx, store.type(), options, objects);
                    return new ResourceHandler.Written(200,
                            store.updateSubresource(ns, name, body.object(), part, options.dryRun(), tracker), body.warnings());
                });
            }
            default -> ResourceHandler.patch(ctx, store, ns, name, subresource, part, schemas, clock);
        }
    }

    private static String verb(HttpMethod method) {
        if (method.equals(HttpMethod.GET)) {
            return "get";
        } else if (method.equals(HttpMethod.PUT)) {
            return "update";
        } else if (method.equals(HttpMethod.PATCH)) {
            return "patch";
        } else if (method.equals(HttpMethod.POST)) {
            return "create";
        }
        return method.name().toLowerCase(Locale.ROOT);
    }
}
