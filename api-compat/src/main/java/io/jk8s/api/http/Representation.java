package io.jk8s.api.http;

/** The response encodings this server can produce, each with the Content-Type it answers with. */
public enum Representation {
    JSON("application/json"),
    YAML("application/yaml"),
    /** meta.k8s.io/v1 Table (server-side printing). */
    TABLE("application/json;as=Table;v=v1;g=meta.k8s.io"),
    /** apidiscovery.k8s.io/v2 APIGroupDiscoveryList (aggregated discovery). */
    DISCOVERY_V2("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");

    private final String contentType;

    Representation(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
