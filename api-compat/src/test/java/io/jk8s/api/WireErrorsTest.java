package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.api.testing.TestApiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error Statuses, tables and discovery as kube-apiserver writes them on the wire. */
class WireErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    @TempDir
    static Path dir;
    static TestApiServer server;

    @BeforeAll
    static void start() {
        server = TestApiServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void missingObjectIsNotFoundStatus() throws Exception {
        HttpResponse<String> response = server.send("GET", CONFIGMAPS + "/tutorial", null, null);
        assertEquals(404, response.statusCode());
        assertEquals(JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"configmaps \\"tutorial\\" not found","reason":"NotFound",
                 "details":{"name":"tutorial","kind":"configmaps"},"code":404}"""), JSON.readTree(response.body()));
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        for (String path : new String[] {"/api/v1/widgets", "/nonsense", "/apis/example.com/v1/widgets", "/api/v1/namespaces/default/configmaps/a/b/c"}) {
            HttpResponse<String> response = server.send("GET", path, null, null);
            assertEquals(404, response.statusCode(), path);
            JsonNode status = JSON.readTree(response.body());
            assertEquals("the server could not find the requested resource", status.get("message").asText(), path);
            assertEquals("NotFound", status.get("reason").asText());
        }
    }

    @Test
    void invalidNameIsUnprocessableWithCauses() throws Exception {
        HttpResponse<String> response = server.send("POST", CONFIGMAPS, null, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}""");
        assertEquals(422, response.statusCode());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("Invalid", status.get("reason").asText());
        assertTrue(status.get("message").asText().startsWith(
                "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"),
                status.toString());
        assertEquals("ConfigMap", status.at("/details/kind").asText());
        assertEquals("Bad_Name", status.at("/details/name").asText());
        assertEquals("FieldValueInvalid", status.at("/details/causes/0/reason").asText());
        assertEquals("metadata.name", status.at("/details/causes/0/field").asText());
        assertEquals(422, status.get("code").asInt());
    }

    @Test
    void staleResourceVersionIsConflict() throws Exception {
        HttpResponse<String> created = server.send("POST", CONFIGMAPS, null, """
                {"metadata":{"name":"x"},"data":{"a":"1"}}""");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode object = JSON.readTree(created.body());
        String rv = object.at("/metadata/resourceVersion").asText();

        HttpResponse<String> updated = server.send("PUT", CONFIGMAPS + "/x", null, """
                {"metadata":{"name":"x","resourceVersion":"%s"},"data":{"a":"2"}}""".formatted(rv));
        assertEquals(200, updated.statusCode(), updated.body());
        JsonNode after = JSON.readTree(updated.body());
        assertEquals(object.at("/metadata/uid"), after.at("/metadata/uid"));
        assertEquals(object.at("/metadata/creationTimestamp"), after.at("/metadata/creationTimestamp"));
        assertTrue(Long.parseLong(after.at("/metadata/resourceVersion").asText()) > Long.parseLong(rv));

        HttpResponse<String> stale = server.send("PUT", CONFIGMAPS + "/x", null, """
                {"metadata":{"name":"x","resourceVersion":"%s"},"data":{"a":"3"}}""".formatted(rv));
        assertEquals(409, stale.statusCode());
        JsonNode status = JSON.readTree(stale.body());
        assertEquals("Conflict", status.get("reason").asText());
        assertEquals("Operation cannot be fulfilled on configmaps \"x\": the object has been modified; "
                + "please apply your changes to the latest version and try again", status.get("message").asText());

        HttpResponse<String> again = server.send("POST", CONFIGMAPS, null, "{\"metadata\":{\"name\":\"x\"}}");
        assertEquals(409, again.statusCode());
        assertEquals("AlreadyExists", JSON.readTree(again.body()).get("reason").asText());
        assertEquals("configmaps \"x\" already exists", JSON.readTree(again.body()).get("message").asText());

        HttpResponse<String> deleted = server.send("DELETE", CONFIGMAPS + "/x", null, null);
        assertEquals(200, deleted.statusCode());
        JsonNode success = JSON.readTree(deleted.body());
        assertEquals("Success", success.get("status").asText());
        assertEquals("configmaps", success.at("/details/kind").asText());
        assertEquals(object.at("/metadata/uid"), success.at("/details/uid"));
    }

    @Test
    void createInMissingNamespaceIsNotFound() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/namespaces/nowhere/configmaps", null,
                "{\"metadata\":{\"name\":\"x\"}}");
        assertEquals(404, response.statusCode());
        assertEquals("namespaces \"nowhere\" not found", JSON.readTree(response.body()).get("message").asText());
    }

    @Test
    void tableHasKubeColumnsAndPartialMetadata() throws Exception {
        HttpResponse<String> response = server.send("GET", "/api/v1/namespaces", "application/json;as=Table;v=v1;g=meta.k8s.io", null);
        assertEquals(200, response.statusCode());
        assertEquals("application/json;as=Table;v=v1;g=meta.k8s.io", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode table = JSON.readTree(response.body());
        assertEquals("Table", table.get("kind").asText());
        assertEquals("meta.k8s.io/v1", table.get("apiVersion").asText());
        assertEquals("Name", table.at("/columnDefinitions/0/name").asText());
        assertEquals("name", table.at("/columnDefinitions/0/format").asText());
        assertEquals("Status", table.at("/columnDefinitions/1/name").asText());
        assertEquals("Age", table.at("/columnDefinitions/2/name").asText());
        assertEquals("default", table.at("/rows/0/cells/0").asText());
        assertEquals("Active", table.at("/rows/0/cells/1").asText());
        assertEquals("PartialObjectMetadata", table.at("/rows/0/object/kind").asText());
        assertFalse(table.at("/metadata/resourceVersion").asText().isEmpty());
    }

    @Test
    void aggregatedDiscoveryMatchesTheResourceTable() throws Exception {
        String accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
        HttpResponse<String> response = server.send("GET", "/api", accept, null);
        assertEquals("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode list = JSON.readTree(response.body());
        assertEquals("APIGroupDiscoveryList", list.get("kind").asText());
        JsonNode v1 = list.at("/items/0/versions/0");
        assertEquals("v1", v1.get("version").asText());
        assertEquals("Current", v1.get("freshness").asText());
        JsonNode configmaps = null;
        for (JsonNode resource : v1.get("resources")) {
            if (resource.get("resource").asText().equals("configmaps")) {
                configmaps = resource;
            }
        }
        assertEquals("ConfigMap", configmaps.at("/responseKind/kind").asText());
        assertEquals("Namespaced", configmaps.get("scope").asText());
        assertEquals("cm", configmaps.at("/shortNames/0").asText());

        JsonNode plain = JSON.readTree(server.send("GET", "/api", "application/json", null).body());
        assertEquals("APIVersions", plain.get("kind").asText());
    }

    @Test
    void healthEndpointsAnswerOk() {
        for (String path : new String[] {"/healthz", "/livez", "/readyz"}) {
            HttpResponse<String> response = server.send("GET", path, null, null);
            assertEquals(200, response.statusCode(), path);
            assertEquals("ok", response.body());
        }
    }
}
