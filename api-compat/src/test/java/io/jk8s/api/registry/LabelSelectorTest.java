package io.jk8s.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.errors.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "rank", "3");

    @Test
    void equalityAndSetOperators() {
        assertTrue(LabelSelector.parse("app=web").matches(WEB));
        assertTrue(LabelSelector.parse("app==web,tier=front").matches(WEB));
        assertFalse(LabelSelector.parse("app!=web").matches(WEB));
        assertTrue(LabelSelector.parse("env!=prod").matches(WEB), "!= matches a missing label");
        assertTrue(LabelSelector.parse("app in (db, web)").matches(WEB));
        assertFalse(LabelSelector.parse("app notin (web)").matches(WEB));
        assertTrue(LabelSelector.parse("env notin (prod)").matches(WEB), "notin matches a missing label");
        assertTrue(LabelSelector.parse("tier").matches(WEB));
        assertTrue(LabelSelector.parse("!env").matches(WEB));
        assertFalse(LabelSelector.parse("!app").matches(WEB));
        assertTrue(LabelSelector.parse("rank>2,rank<4").matches(WEB));
        assertTrue(LabelSelector.parse("").matches(Map.of()));
    }

    @Test
    void syntaxErrorsAreBadRequests() {
        ApiException error = assertThrows(ApiException.class, () -> LabelSelector.parse("app in web"));
        assertEquals(400, error.code());
        assertThrows(ApiException.class, () -> LabelSelector.parse("app=web,"));
    }
}
