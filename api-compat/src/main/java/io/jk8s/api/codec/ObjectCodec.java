package io.jk8s.api.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON and YAML configuration for API objects, on the wire and in storage. Fabric8 model
 * classes carry their own Jackson annotations; the mapper only adds what kube-apiserver does
 * globally: nulls are left out (but for ObjectMeta's creationTimestamp, the lists in {@link NilSlices} and the
 * counts in {@link ZeroScalars}, as Go writes them), and unknown fields are kept (fabric8's additionalProperties)
 * rather than rejected.
 */
public final class ObjectCodec {

    public static final ObjectMapper JSON = configure(new ObjectMapper());
    public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));

    private ObjectCodec() {}

    /**
     * Go's encoding of ObjectMeta never omits creationTimestamp (a struct, so omitempty does not
     * apply) and writes the zero time as null: templates read {@code creationTimestamp: null}.
     */
    private abstract static class ObjectMetaMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("creationTimestamp")
        abstract String getCreationTimestamp();
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return ZeroScalars.register(NilSlices.register(mapper))
                .registerModule(new JavaTimeModule())
                .registerModule(new BlackbirdModule())
                .addMixIn(ObjectMeta.class, ObjectMetaMixin.class)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    public static byte[] toYaml(Object value) {
        try {
            return YAML.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    public static <T> T fromJson(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
