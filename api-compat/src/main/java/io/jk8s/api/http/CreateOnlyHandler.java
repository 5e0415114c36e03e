package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.registry.CreateOnlyResource;
import io.jk8s.api.registry.ResourceType;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;

/**
 * POST to a resource that is never stored ({@link io.jk8s.api.registry.CreateOnlyResource}): the
 * body is decoded like any create, answered by the resource and sent back with 201. Any other
 * verb is kube's 405.
 */
final class CreateOnlyHandler {

    private CreateOnlyHandler() {}

    static <T extends HasMetadata> void serve(RoutingContext ctx, ResourceType<T> type, CreateOnlyResource<T> resource,
                                              RequestPath path, SchemaCatalog schemas) {
        if (path.subresource() != null) {
            throw StatusErrors.pathNotFound();
        }
        if (!ctx.request().method().equals(HttpMethod.POST) || !path.isCollection()) {
            String verb = ctx.request().method().name().toLowerCase(java.util.Locale.ROOT);
            throw StatusErrors.methodNotSupported(type.group(), type.plural(), verb);
        }
        Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"),
                EnumSet.of(Representation.JSON, Representation.YAML));
        RequestObjects.Decoded<T> body = ResourceHandler.readBody(ctx, type, WriteOptions.parse(ctx.queryParams()),
                new RequestObjects(schemas));
        if (type.namespaced()) {
            // rest.EnsureObjectNamespaceMatchesRequestNamespace
            T object = body.object();
            if (object.getMetadata() == null) {
                object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
            }
            String namespace = object.getMetadata().getNamespace();
            if (namespace != null && !namespace.isEmpty() && !namespace.equals(path.namespace())) {
                throw StatusErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            object.getMetadata().setNamespace(path.namespace());
        }
        // on a worker: reviews may read storage (RBAC policy, tokens' service accounts)
        ResourceHandler.blocking(ctx, () -> resource.create(body.object())).onSuccess(answer -> {
            answer.setApiVersion(type.apiVersion());
            ResourceHandler.written(ctx, 201, answer, rep, body.warnings());
        });
    }
}
