package io.jk8s.api.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/**
 * List fields that kube declares without {@code omitempty}. Go writes such a field even when it is
 * empty, and an empty one as {@code null}: a slice read back from etcd's protobuf is nil whether it
 * was stored as {@code []} or not at all. Fabric8 leaves every empty list out, so these get their
 * Go form back here (the one place, next to {@link ObjectCodec}'s other Go-encoding rules).
 */
final class NilSlices {

    private NilSlices() {}

    static ObjectMapper register(ObjectMapper mapper) {
        return mapper.addMixIn(EndpointSlice.class, EndpointSliceMixin.class);
    }

    /**
     * discovery/v1 {@code Endpoints []Endpoint `json:"endpoints"`} and {@code Ports []EndpointPort `json:"ports"`}:
     * the slice of a Service with no pods reads {@code "endpoints": null, "ports": null}.
     */
    private abstract static class EndpointSliceMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonSerialize(converter = EmptyAsNil.class)
        @JsonProperty("endpoints")
        abstract List<Endpoint> getEndpoints();

        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonSerialize(converter = EmptyAsNil.class)
        @JsonProperty("ports")
        abstract List<EndpointPort> getPorts();
    }

    private static final class EmptyAsNil extends StdConverter<List<?>, List<?>> {
        @Override
        public List<?> convert(List<?> value) {
            return value == null || value.isEmpty() ? null : value;
        }
    }
}
