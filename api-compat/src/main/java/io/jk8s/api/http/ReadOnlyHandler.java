package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.ReadOnlyResource;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.table.TableConvertor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * GET of a resource computed on each request ({@link ReadOnlyResource}): one object or the list,
 * as JSON, YAML or a Table, with the resource's deprecation warning. Any other verb is kube's 405.
 */
final class ReadOnlyHandler {

    private ReadOnlyHandler() {}

    static <T extends HasMetadata> void serve(RoutingContext ctx, ResourceType<T> type, ReadOnlyResource<T> resource,
                                              RequestPath path, Clock clock) {
        if (path.subresource() != null) {
            throw StatusErrors.pathNotFound();
        }
        boolean collection = path.isCollection();
        if (!ctx.request().method().equals(HttpMethod.GET) || (collection && ResourceHandler.isTrue(ctx.queryParams().get("watch")))) {
            String verb = ctx.request().method().equals(HttpMethod.GET) ? "watch" : ctx.request().method().name().toLowerCase(Locale.ROOT);
            throw StatusErrors.methodNotSupported(type.group(), type.plural(), verb);
        }
        Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"),
                EnumSet.of(Representation.JSON, Representation.YAML, Representation.TABLE));
        String warning = resource.deprecationWarning();
        // the probes may take a moment (kube runs them with a timeout); never on the event loop
        ResourceHandler.blocking(ctx, () -> {
            List<T> items = resource.list();
            if (!collection) {
                items = items.stream().filter(o -> o.getMetadata().getName().equals(path.name())).toList();
                if (items.isEmpty()) {
                    throw StatusErrors.notFound(type.group(), type.plural(), path.name());
                }
            }
            items.forEach(o -> o.setApiVersion(type.apiVersion()));
            if (rep == Representation.TABLE) {
                return TableConvertor.convert(type.strategy().tableColumns(), items, new ListMeta(),
                        TableConvertor.IncludeObject.parse(ctx.queryParams().get("includeObject")), clock.instant());
            }
            return collection ? new ObjectList(type.listKind(), type.apiVersion(), new ListMeta(), items) : items.get(0);
        }).onSuccess(answer -> ResourceHandler.written(ctx, 200, answer, rep, warning == null ? List.of() : List.of(warning)));
    }
}
