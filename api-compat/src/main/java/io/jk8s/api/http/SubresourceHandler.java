package io.jk8s.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.patch.JsonMergePatch;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.ScaleSubresource;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.registry.core.PodBinding;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
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
    private static final String MERGE_PATCH = "application/merge-patch+json";

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
                    throw StatusErrors.methodNotSupported(type.group(), type.plural() + "/status", verb);
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
                        JsonNode patch = mergePatch(ctx);
                        ResourceHandler.blocking(ctx, () -> {
                            JsonNode current = ObjectCodec.JSON.valueToTree(scale.get(ns, name));
                            Scale patched = ObjectCodec.JSON.treeToValue(JsonMergePatch.apply(current, patch), Scale.class);
                            return scale.update(ns, name, patched);
                        }).onSuccess(o -> Responses.write(ctx, 200, o, rep));
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

    /** Only merge patches so far; strategic merge and JSON patch arrive with the patch handler. */
    private static JsonNode mergePatch(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(MERGE_PATCH)) {
            throw StatusErrors.unsupportedMediaType(contentType, MERGE_PATCH);
        }
        try {
            return ObjectCodec.JSON.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            throw StatusErrors.badRequest("the patch could not be decoded: " + e.getMessage());
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
