package io.jk8s.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoredJsonTest {

    @Test
    void resourceVersionOpensTheTopLevelMetadata() {
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"resourceVersion\":\"42\",\"name\":\"a\"},\"data\":{}}",
                splice("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{}}", 42));
        assertEquals("{\"metadata\":{\"resourceVersion\":\"7\"}}", splice("{\"metadata\":{}}", 7));
    }

    @Test
    void everyDigitOfTheRevisionIsWritten() {
        for (long revision : new long[] {0, 9, 10, 99, 100, 1234567890123L, Long.MAX_VALUE}) {
            assertEquals("{\"metadata\":{\"resourceVersion\":\"" + revision + "\",\"name\":\"a\"}}",
                    splice("{\"metadata\":{\"name\":\"a\"}}", revision));
        }
    }

    @Test
    void fieldsBeforeMetadataAreSkippedWhateverTheyHold() {
        String before = "{\"spec\":{\"metadata\":{\"x\":1},\"s\":\"}\\\"{,\",\"l\":[1,{\"a\":[]}],\"n\":null},\"count\":3,";
        assertEquals(before + " \"metadata\" : {\"resourceVersion\":\"5\",\"name\":\"b\"}}",
                splice(before + " \"metadata\" : {\"name\":\"b\"}}", 5));
    }

    @Test
    void noMetadataObjectMeansNoSplice() {
        assertNull(StoredJson.withResourceVersion(bytes("{\"kind\":\"X\"}"), 1));
        assertNull(StoredJson.withResourceVersion(bytes("{\"metadata\":null}"), 1));
        assertNull(StoredJson.withResourceVersion(bytes("[1]"), 1));
    }

    private static String splice(String json, long revision) {
        return new String(StoredJson.withResourceVersion(bytes(json), revision), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
