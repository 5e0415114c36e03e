package io.jk8s.api.http;

import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.registry.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A response body ready to send: its bytes, Content-Type and, for large bodies the client accepts
 * compressed, gzip Content-Encoding. kube-apiserver compresses a response whose body exceeds
 * 128 KiB when the request's Accept-Encoding lists {@code gzip}, at level 1 (cheapest CPU for
 * nearly the same ratio): apiserver/pkg/endpoints/handlers/responsewriters/writers.go.
 */
record EncodedBody(byte[] bytes, String contentType, String contentEncoding) {

    static final int GZIP_THRESHOLD_BYTES = 128 * 1024;

    /**
     * Serializes {@code body} in {@code representation}; {@code acceptEncoding} is the request's
     * header. A {@link StoredObject} is served as its stored JSON when it has one.
     */
    static EncodedBody of(Object body, Representation representation, String acceptEncoding) {
        if (body instanceof StoredObject<?> stored) {
            if (stored.json() != null && representation == Representation.JSON) {
                return encoded(stored.json(), representation.contentType(), acceptEncoding);
            }
            body = stored.object();
        }
        byte[] bytes = representation == Representation.YAML ? ObjectCodec.toYaml(body) : ObjectCodec.toJson(body);
        return encoded(bytes, representation.contentType(), acceptEncoding);
    }

    /** Already serialized bytes of {@code contentType}, compressed when the rules above say so. */
    static EncodedBody encoded(byte[] bytes, String contentType, String acceptEncoding) {
        if (bytes.length > GZIP_THRESHOLD_BYTES && acceptsGzip(acceptEncoding)) {
            return new EncodedBody(gzip(bytes), contentType, "gzip");
        }
        return new EncodedBody(bytes, contentType, null);
    }

    /** Like negotiateContentEncoding: one of the comma-separated tokens is exactly {@code gzip} (parameters are not parsed). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String token : acceptEncoding.split(",")) {
            if (token.trim().equals("gzip")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
