package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A custom resource's schema as kube publishes it in its OpenAPI documents, seen through real
 * kubectl: {@code kubectl explain} reads /openapi/v3, the client-side validation of a
 * {@code kind: List} file reads the protobuf /openapi/v2. Each test defines its own kind.
 */
class CustomResourceOpenApiTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster();

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    /** A toy definition with descriptions, an enum, a default, an int-or-string and a list of objects. */
    private static String gadgets(String plural, String kind, String extraSpecField) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %1$s.toys.example.com
                spec:
                  group: toys.example.com
                  scope: Namespaced
                  names: {plural: %1$s, singular: %3$s, kind: %2$s}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        description: %2$s is a toy that does one trick.
                        type: object
                        properties:
                          spec:
                            description: What the gadget should do.
                            type: object
                            required: [trick]
                            properties:
                              trick:
                                description: The trick to perform, one of the known tricks.
                                type: string
                                enum: [spin, jump, roll]
                              speed: {type: integer, minimum: 1, default: 3}
                              port: {x-kubernetes-int-or-string: true}
                              parts:
                                type: array
                                items:
                                  type: object
                                  properties:
                                    name: {type: string, description: The part's name.}
                                    count: {type: integer}
                              %4$s
                          status:
                            type: object
                            properties:
                              tricksDone: {type: integer}
                """.formatted(plural, kind, kind.toLowerCase(), extraSpecField);
    }

    private static void apply(String manifest) {
        kubectl().runWithInput(manifest, "apply", "-f", "-").assertSuccess();
    }

    @Test
    void explainPrintsTheVersionsSchema() {
        apply(gadgets("gadgets", "Gadget", ""));
        assertEquals("""
                GROUP:      toys.example.com
                KIND:       Gadget
                VERSION:    v1

                DESCRIPTION:
                    Gadget is a toy that does one trick.
                   \s
                FIELDS:
                  apiVersion\t<string>
                    APIVersion defines the versioned schema of this representation of an object.
                    Servers should convert recognized schemas to the latest internal value, and
                    may reject unrecognized values. More info:
                    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

                  kind\t<string>
                    Kind is a string value representing the REST resource this object
                    represents. Servers may infer this from the endpoint the client submits
                    requests to. Cannot be updated. In CamelCase. More info:
                    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

                  metadata\t<ObjectMeta>
                    Standard object's metadata. More info:
                    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

                  spec\t<Object>
                    What the gadget should do.

                  status\t<Object>
                    <no description>


                """, kubectl().run("explain", "gadget").assertSuccess().out());

        assertEquals("""
                GROUP:      toys.example.com
                KIND:       Gadget
                VERSION:    v1

                FIELD: trick <string>
                ENUM:
                    spin
                    jump
                    roll

                DESCRIPTION:
                    The trick to perform, one of the known tricks.
                   \s

                """, kubectl().run("explain", "gadgets.spec.trick").assertSuccess().out());

        assertEquals("""
                GROUP:      toys.example.com
                KIND:       Gadget
                VERSION:    v1

                FIELD: parts <[]Object>


                DESCRIPTION:
                    <empty>
                FIELDS:
                  count\t<integer>
                    <no description>

                  name\t<string>
                    The part's name.


                """, kubectl().run("explain", "gadget.spec.parts").assertSuccess().out());

        String recursive = kubectl().run("explain", "gadget", "--recursive").assertSuccess().out();
        assertTrue(recursive.startsWith("""
                GROUP:      toys.example.com
                KIND:       Gadget
                VERSION:    v1

                DESCRIPTION:
                    Gadget is a toy that does one trick.
                   \s
                FIELDS:
                  apiVersion\t<string>
                  kind\t<string>
                  metadata\t<ObjectMeta>
                    annotations\t<map[string]string>
                """), recursive);
        assertTrue(recursive.contains("""
                    uid\t<string>
                  spec\t<Object>
                    parts\t<[]Object>
                      count\t<integer>
                      name\t<string>
                    port\t<Object>
                    speed\t<integer>
                    trick\t<string> -required-
                    enum: spin, jump, roll
                  status\t<Object>
                    tricksDone\t<integer>

                """), recursive);
        assertEquals("error: field \"color\" does not exist\n", kubectl().run("explain", "gadget.spec.color").err());
    }

    /** The next explain after an edit of the definition sees the new field; the group version's document has a new hash. */
    @Test
    void aChangedDefinitionIsExplainedAtOnce() {
        apply(gadgets("widgets", "Widget", ""));
        String before = v3Hash("apis/toys.example.com/v1");
        assertTrue(kubectl().run("explain", "widget.spec").assertSuccess().out().contains("  trick\t<string> -required-\n"));
        apply(gadgets("widgets", "Widget", "color: {type: string, description: The paint.}"));
        assertEquals("""
                GROUP:      toys.example.com
                KIND:       Widget
                VERSION:    v1

                FIELD: color <string>


                DESCRIPTION:
                    The paint.
                   \s

                """, kubectl().run("explain", "widget.spec.color").assertSuccess().out());
        assertNotEquals(before, v3Hash("apis/toys.example.com/v1"));
        String document = kubectl().run("get", "--raw", "/openapi/v3/apis/toys.example.com/v1").assertSuccess().out();
        assertTrue(document.contains("\"com.example.toys.v1.WidgetList\""), document);
        assertTrue(document.contains("\"x-kubernetes-group-version-kind\":[{\"group\":\"toys.example.com\",\"kind\":\"Widget\","
                + "\"version\":\"v1\"}]"), document);
    }

    private static String v3Hash(String groupVersion) {
        String index = kubectl().run("get", "--raw", "/openapi/v3").assertSuccess().out();
        Matcher hash = Pattern.compile("\"" + Pattern.quote(groupVersion) + "\":\\{\"serverRelativeURL\":\"/openapi/v3/"
                + Pattern.quote(groupVersion) + "\\?hash=([0-9A-F]+)\"").matcher(index);
        assertTrue(hash.find(), index);
        return hash.group(1);
    }

    /** kubectl validates the items of a List against the protobuf /openapi/v2 before sending any. */
    @Test
    void clientSideValidationOfAListUsesTheSchema() {
        apply(gadgets("gizmos", "Gizmo", ""));
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: toys.example.com/v1
                  kind: Gizmo
                  metadata: {name: a}
                  spec: {trick: spin, port: 80}
                - apiVersion: toys.example.com/v1
                  kind: Gizmo
                  metadata: {name: b}
                  spec: {trick: jump, port: http, wheels: 4}
                """;
        assertEquals("error: error validating \"STDIN\": error validating data: ValidationError(Gizmo.spec): unknown field "
                        + "\"wheels\" in com.example.toys.v1.Gizmo.spec; if you choose to ignore these errors, turn validation off "
                        + "with --validate=false\n",
                kubectl().runWithInput(list, "apply", "-f", "-").err());
        assertEquals("gizmo.toys.example.com/a created\ngizmo.toys.example.com/b created\n",
                kubectl().runWithInput(list.replace(", wheels: 4", ""), "apply", "-f", "-").assertSuccess().out());
    }
}
