package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.Status;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes response bodies, and is the one place errors become HTTP: every failure is answered as a
 * {@code Status} whose {@code code} is the HTTP status, whatever threw it.
 */
public final class Responses {

    private static final Logger log = LoggerFactory.getLogger(Responses.class);

    private Responses() {}

    public static void write(RoutingContext ctx, int code, Object body, Representation representation) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        send(ctx, code, EncodedBody.of(body, representation, acceptEncoding(ctx)));
    }

    /** Sends a body already encoded (on a worker thread, for large ones). */
    static void send(RoutingContext ctx, int code, EncodedBody body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(code)
                .putHeader("Content-Type", body.contentType())
                .putHeader("Cache-Control", "no-cache, private");
        if (body.contentEncoding() != null) {
            response.putHeader("Content-Encoding", body.contentEncoding()).putHeader("Vary", "Accept-Encoding");
        }
        response.end(Buffer.buffer(body.bytes()));
    }

    static String acceptEncoding(RoutingContext ctx) {
        return ctx.request().getHeader("Accept-Encoding");
    }

    public static void text(RoutingContext ctx, int code, String body) {
        ctx.response().setStatusCode(code)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body);
    }

    /** Answers any failure; anything that is not an {@link ApiException} is a 500 InternalError. */
    public static void error(RoutingContext ctx, Throwable failure) {
        ApiException error = toApiException(failure);
        if (error.code() >= 500) {
            log.warn("{} {} failed", ctx.request().method(), ctx.request().uri(), failure);
        }
        Status status = error.status();
        if (ctx.response().headWritten()) {
            // a stream already started: nothing sensible can be added to it
            ctx.response().end();
            return;
        }
        write(ctx, status.getCode(), status, Representation.JSON);
    }

    public static ApiException toApiException(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof ApiException) && cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause instanceof ApiException api ? api : StatusErrors.internal(failure);
    }
}
