package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kubernetes' $(VAR) expansion rules (third_party/forked/golang/expansion). */
class VariableExpansionTest {

    private static final Map<String, String> VARS = Map.of("NAME", "web", "PORT", "8080");

    @Test
    void definedReferencesAreReplacedAndOthersKept() {
        assertEquals("web:8080", VariableExpansion.expand("$(NAME):$(PORT)", VARS));
        assertEquals("$(UNDEFINED) web", VariableExpansion.expand("$(UNDEFINED) $(NAME)", VARS));
    }

    @Test
    void aDoubledDollarEscapesAndLoneDollarsStay() {
        assertEquals("$(NAME) costs $5 $", VariableExpansion.expand("$$(NAME) costs $5 $", VARS));
        assertEquals("unclosed $(NAME", VariableExpansion.expand("unclosed $(NAME", VARS));
    }
}
