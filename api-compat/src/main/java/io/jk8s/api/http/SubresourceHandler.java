package io.jk8s.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.patch.PatchRequest;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.ScaleSubresource;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.registry.core.PodBinding;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Requests to {@code <resource>/<name>/<subresource>}: status (the parent kind, only its status
 * written), scale (an autoscaling/v1 Scale over spec.replicas) and binding (pods). Which resource
 * has which comes from the resource table.
 */
final class SubresourceHandler {

    private static final Set<Representation> OBJECT_REPRESENTATIONS = EnumSet.of(Representation.JSON, Representation.YAML);

    private static final int PATCH_ATTEMPTS = 5;

    private SubresourceHandler() {}

    static <T extends HasMetadata> void serve(RoutingContext ctx, ResourceStore<T> store, RequestPath path) {
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
                    T body = ResourceHandler.readBody(ctx, type);
                    ResourceHandler.blocking(ctx, () -> store.updateStatus(ns, name, body))
                            .onSuccess(o -> Responses.write(ctx, 200, o, rep));
                } else {
                    byte[] patch = body(ctx);
                    String contentType = ctx.request().getHeader("Content-Type");
                    ResourceHandler.blocking(ctx, () -> reapplyOnConflict(() -> {
                        T current = store.get(ns, name);
                        JsonNode patched = PatchRequest.apply(contentType, patch, ObjectCodec.JSON.valueToTree(current));
                        T next = ObjectCodec.JSON.treeToValue(patched, type.modelClass());
                        // the patch applies to what was read; a concurrent write makes it a conflict, not a lost update
                        next.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
                        return store.updateStatus(ns, name, next);
                    })).onSuccess(o -> Responses.write(ctx, 200, o, rep));
                }
            }
            case "scale" -> {
                ScaleSubresource<T> scale = new ScaleSubresource<>(store);
                switch (verb) {
                    case "get" -> ResourceHandler.blocking(ctx, () -> scale.get(ns, name))
                            .onSuccess(o -> Responses.write(ctx, 200, o, rep));
                    case "update" -> {
                        Scale body = RequestBodies.read(ctx, Scale.class);
                        ResourceHandler.blocking(ctx, () -> scale.update(ns, name, body))
                                .onSuccess(o -> Responses.write(ctx, 200, o, rep));
                    }
                    default -> {
                        byte[] patch = body(ctx);
                        String contentType = ctx.request().getHeader("Content-Type");
                        ResourceHandler.blocking(ctx, () -> reapplyOnConflict(() -> {
                            JsonNode current = ObjectCodec.JSON.valueToTree(scale.get(ns, name));
                            Scale patched = ObjectCodec.JSON.treeToValue(PatchRequest.apply(contentType, patch, current),
                                    Scale.class);
                            return scale.update(ns, name, patched);
                        })).onSuccess(o -> Responses.write(ctx, 200, o, rep));
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
            default -> throw StatusErrors.pathNotFound();
        }
    }

    /** A patch is applied to the latest object: a write in between means applying it again, as upstream. */
    private static <R> R reapplyOnConflict(java.util.concurrent.Callable<R> patch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return patch.call();
            } catch (io.jk8s.api.errors.ApiException e) {
                if (!"Conflict".equals(e.reason()) || attempt == PATCH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static byte[] body(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
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
