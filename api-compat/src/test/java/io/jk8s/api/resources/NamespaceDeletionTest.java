package io.jk8s.api.resources;

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

/** DELETE of a namespace starts its termination; the finalize subresource ends it (namespace storage.go). */
class NamespaceDeletionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestApiServer api;

    @BeforeAll
    static void start() {
        api = TestApiServer.start(dir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void deleteMarksTerminatingAndFinalizeRemoves() throws Exception {
        JsonNode created = json(send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"dev\"}}", 201));
        assertEquals("[\"kubernetes\"]", created.at("/spec/finalizers").toString());

        JsonNode deleting = json(send("DELETE", "/api/v1/namespaces/dev", null, 200));
        assertEquals("Namespace", deleting.get("kind").asText());
        assertEquals("Terminating", deleting.at("/status/phase").asText());
        assertFalse(deleting.at("/metadata/deletionTimestamp").isMissingNode());
        assertEquals("Terminating", json(send("GET", "/api/v1/namespaces/dev", null, 200)).at("/status/phase").asText());

        JsonNode again = json(send("DELETE", "/api/v1/namespaces/dev", null, 409));
        assertEquals("Operation cannot be fulfilled on namespaces \"dev\": The system is ensuring all content is removed"
                + " from this namespace.  Upon completion, this namespace will automatically be purged by the system.",
                again.get("message").asText());

        JsonNode forbidden = json(send("POST", "/api/v1/namespaces/dev/configmaps", "{\"metadata\":{\"name\":\"y\"}}", 403));
        assertEquals(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"configmaps \\\"y\\\" is forbidden: unable to create new content in namespace dev because it is"
                + " being terminated\",\"reason\":\"Forbidden\",\"details\":{\"name\":\"y\",\"kind\":\"configmaps\","
                + "\"causes\":[{\"reason\":\"NamespaceTerminating\",\"message\":\"namespace dev is being terminated\","
                + "\"field\":\"metadata.namespace\"}]},\"code\":403}"), forbidden);

        JsonNode finalized = json(send("PUT", "/api/v1/namespaces/dev/finalize",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"dev\"},\"spec\":{\"finalizers\":[]}}", 200));
        assertEquals("dev", finalized.at("/metadata/name").asText());
        send("GET", "/api/v1/namespaces/dev", null, 404);
    }

    @Test
    void systemNamespacesMayNotBeDeleted() throws Exception {
        for (String name : new String[] {"default", "kube-system", "kube-public"}) {
            JsonNode refused = json(send("DELETE", "/api/v1/namespaces/" + name, null, 403));
            assertEquals(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":\"namespaces \\\"" + name + "\\\" is forbidden: this namespace may not be deleted\","
                    + "\"reason\":\"Forbidden\",\"details\":{\"name\":\"" + name + "\",\"kind\":\"namespaces\"},\"code\":403}"),
                    refused);
            assertEquals("Active", json(send("GET", "/api/v1/namespaces/" + name, null, 200)).at("/status/phase").asText());
        }
    }

    @Test
    void namespaceWithoutFinalizersStillTerminatesFirst() throws Exception {
        send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"bare\"}}", 201);
        send("PUT", "/api/v1/namespaces/bare/finalize",
                "{\"metadata\":{\"name\":\"bare\"},\"spec\":{\"finalizers\":[]}}", 200);
        JsonNode deleting = json(send("DELETE", "/api/v1/namespaces/bare", null, 200));
        assertEquals("Terminating", deleting.at("/status/phase").asText());
        assertFalse(deleting.at("/metadata/deletionTimestamp").isMissingNode());
        send("GET", "/api/v1/namespaces/bare", null, 200);
        send("DELETE", "/api/v1/namespaces/bare", null, 200);
        send("GET", "/api/v1/namespaces/bare", null, 404);
    }

    @Test
    void finalizeIsOnlyUpdate() throws Exception {
        send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"keep\"}}", 201);
        send("GET", "/api/v1/namespaces/keep/finalize", null, 405);
        JsonNode kept = json(send("PUT", "/api/v1/namespaces/keep/finalize",
                "{\"metadata\":{\"name\":\"keep\",\"labels\":{\"a\":\"b\"}},\"spec\":{\"finalizers\":[\"example.com/x\"]}}", 200));
        assertEquals("[\"example.com/x\"]", kept.at("/spec/finalizers").toString());
        assertTrue(kept.at("/metadata/labels/a").isMissingNode(), kept.toString());
        assertEquals("Active", kept.at("/status/phase").asText());
    }

    @Test
    void discoveryListsFinalize() throws Exception {
        for (JsonNode resource : json(send("GET", "/api/v1", null, 200)).get("resources")) {
            if (resource.get("name").asText().equals("namespaces/finalize")) {
                assertEquals("[\"update\"]", resource.get("verbs").toString());
                return;
            }
        }
        throw new AssertionError("namespaces/finalize missing");
    }

    private static HttpResponse<String> send(String method, String path, String body, int expected) {
        HttpResponse<String> response = api.send(method, path, "application/json", body);
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
