package io.jk8s.api.http;

/** The response encodings this server can produce, each with the Content-Type it answers with. */
public enum Representation {
    JSON("application/json"),
    YAML("application/yaml"),
    /** meta.k8s.io/v1 Table (server-side printing). */
    TABLE("application/json;as=Table;v=v1;g=meta.k8s.io"),
    /** apidiscovery.k8s.io/v2 APIGroupDiscoveryList (aggregated discovery). */
    DISCOVERY_V2("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"),
    /**
     * The OpenAPI v2 document as gnostic protobuf. kube-openapi answers both the deprecated
     * {@code spec.v2@v1.0} and the current {@code spec.v2.v1.0} request type with this one.
     */
    OPENAPI_V2_PROTOBUF("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");

    private final String contentType;

    Representation(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
