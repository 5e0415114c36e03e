package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The data files under {@code openapi/} on the classpath, which the jar cannot start without. */
final class DataFile {

    private DataFile() {}

    static JsonNode read(String resource, ObjectMapper format) {
        try (InputStream in = DataFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return format.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
