package io.jk8s.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.codec.protobuf.ProtobufDecoder;
import io.jk8s.api.errors.StatusErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/** Decodes request bodies (JSON, YAML or Kubernetes protobuf) into model objects. */
final class RequestBodies {

    private RequestBodies() {}

    /** The body as a JSON tree, or null when the request has no body. */
    static JsonNode readTree(RoutingContext ctx) {
        byte[] bytes = bytes(ctx);
        if (bytes == null) {
            return null;
        }
        try {
            return switch (MediaTypes.bodyFormat(ctx.request().getHeader("Content-Type"))) {
                case JSON -> ObjectCodec.JSON.readTree(bytes);
                case YAML -> ObjectCodec.YAML.readTree(bytes);
                case PROTOBUF -> ProtobufDecoder.decode(bytes);
            };
        } catch (JsonProcessingException e) {
            throw StatusErrors.badRequest("the body of the request could not be decoded: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StatusErrors.badRequest("the body of the request could not be read: " + e.getMessage());
        }
    }

    /** The raw body, or null when there is none. */
    static byte[] bytes(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return body == null || body.length() == 0 ? null : body.getBytes();
    }

    /** The body as {@code type}, or null when the request has no body. */
    static <T> T read(RoutingContext ctx, Class<T> type) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            return null;
        }
        byte[] bytes = body.getBytes();
        try {
            return switch (MediaTypes.bodyFormat(ctx.request().getHeader("Content-Type"))) {
                case JSON -> ObjectCodec.JSON.readValue(bytes, type);
                case YAML -> ObjectCodec.YAML.readValue(bytes, type);
                case PROTOBUF -> ObjectCodec.JSON.treeToValue(ProtobufDecoder.decode(bytes), type);
            };
        } catch (JsonProcessingException e) {
            throw StatusErrors.badRequest("the body of the request could not be decoded as a " + type.getSimpleName()
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StatusErrors.badRequest("the body of the request could not be read: " + e.getMessage());
        }
    }
}
