package io.jk8s.api.resources;

import static io.jk8s.api.testing.OutputLines.assertLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** scheduling.k8s.io/v1 PriorityClasses and the Priority admission plugin, as kubectl users meet them. */
class SchedulingTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void systemClassesAreBootstrapped() {
        assertLines(api.kubectl().run("get", "pc").assertSuccess().out().lines().toList(),
                "NAME\\s+VALUE\\s+GLOBAL-DEFAULT\\s+AGE\\s+PREEMPTIONPOLICY",
                "system-cluster-critical\\s+2000000000\\s+false\\s+\\d+s\\s+PreemptLowerPriority",
                "system-node-critical\\s+2000001000\\s+false\\s+\\d+s\\s+PreemptLowerPriority");
        assertEquals("""
                Name:              system-node-critical
                Value:             2000001000
                GlobalDefault:     false
                PreemptionPolicy:  PreemptLowerPriority
                Description:       Used for system critical pods that must not be moved from their current node.
                Annotations:       <none>
                Events:            <none>
                """, api.kubectl().run("describe", "priorityclass", "system-node-critical").assertSuccess().out());
        assertEquals("Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
                api.kubectl().run("get", "pc", "system-cluster-critical", "-o", "jsonpath={.description}").assertSuccess().out());
    }

    @Test
    void podsGetThePriorityOfTheirClass() {
        assertEquals("priorityclass.scheduling.k8s.io/high created\n", api.kubectl()
                .run("create", "priorityclass", "high", "--value=1000", "--description=important").assertSuccess().out());
        assertEquals("priorityclass.scheduling.k8s.io/patient created\n", api.kubectl()
                .run("create", "priorityclass", "patient", "--value=10", "--preemption-policy=Never").assertSuccess().out());
        assertLines(api.kubectl().run("get", "pc", "high", "patient").assertSuccess().out().lines().toList(),
                "NAME\\s+VALUE\\s+GLOBAL-DEFAULT\\s+AGE\\s+PREEMPTIONPOLICY",
                "high\\s+1000\\s+false\\s+\\d+s\\s+PreemptLowerPriority", "patient\\s+10\\s+false\\s+\\d+s\\s+Never");

        create(pod("urgent", "priorityClassName: high"));
        assertEquals("high 1000 PreemptLowerPriority", podPriority("urgent"));
        create(pod("waiting", "priorityClassName: patient"));
        assertEquals("patient 10 Never", podPriority("waiting"));
        create(pod("critical", "priorityClassName: system-node-critical"));
        assertEquals("system-node-critical 2000001000 PreemptLowerPriority", podPriority("critical"));
        create(pod("agreeing", "priorityClassName: high\n  priority: 1000"));
        assertEquals("high 1000 PreemptLowerPriority", podPriority("agreeing"));

        // an update that leaves priority out keeps it, as the plugin does on update
        api.kubectl().run("patch", "pod", "urgent", "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/spec/priority\"},{\"op\":\"remove\",\"path\":\"/spec/preemptionPolicy\"}]")
                .assertSuccess();
        assertEquals("high 1000 PreemptLowerPriority", podPriority("urgent"));
    }

    @Test
    void podsNamingAnUnknownClassOrAnotherPriorityAreForbidden() {
        api.kubectl().run("create", "priorityclass", "mid", "--value=500").assertSuccess();
        assertEquals("Error from server (Forbidden): error when creating \"STDIN\": pods \"lost\" is forbidden: "
                + "no PriorityClass with name nope was found\n", refusal(pod("lost", "priorityClassName: nope")));
        assertEquals("Error from server (Forbidden): error when creating \"STDIN\": pods \"greedy\" is forbidden: "
                + "the integer value of priority (7) must not be provided in pod spec; priority admission controller "
                + "computed 500 from the given PriorityClass name\n", refusal(pod("greedy", "priorityClassName: mid\n  priority: 7")));
        assertEquals("Error from server (Forbidden): error when creating \"STDIN\": pods \"polite\" is forbidden: "
                + "the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission "
                + "controller computed PreemptLowerPriority from the given PriorityClass name\n",
                refusal(pod("polite", "priorityClassName: mid\n  preemptionPolicy: Never")));
    }

    @Test
    void theGlobalDefaultClassAppliesToPodsWithoutOne() {
        create(pod("plain", ""));
        assertEquals(" 0 PreemptLowerPriority", podPriority("plain"));

        create("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: everyone}
                value: 42
                globalDefault: true
                """);
        try {
            assertEquals("Error from server (Forbidden): error when creating \"STDIN\": priorityclasses.scheduling.k8s.io "
                    + "\"second\" is forbidden: PriorityClass everyone is already marked as default. Only one default can exist\n",
                    refusal("""
                            apiVersion: scheduling.k8s.io/v1
                            kind: PriorityClass
                            metadata: {name: second}
                            value: 43
                            globalDefault: true
                            """));
            create(pod("defaulted", ""));
            assertEquals("everyone 42 PreemptLowerPriority", podPriority("defaulted"));
            assertLines(api.kubectl().run("get", "pc", "everyone").assertSuccess().out().lines().toList(),
                    "NAME\\s+VALUE\\s+GLOBAL-DEFAULT\\s+AGE\\s+PREEMPTIONPOLICY",
                    "everyone\\s+42\\s+true\\s+\\d+s\\s+PreemptLowerPriority");
            api.kubectl().run("label", "pc", "everyone", "tier=base").assertSuccess();
        } finally {
            api.kubectl().run("delete", "pc", "everyone").assertSuccess();
        }
    }

    @Test
    void invalidClassesAreRefusedWithKubesMessages() {
        assertEquals("The PriorityClass \"huge\" is invalid: value: Forbidden: maximum allowed value of a user defined "
                + "priority is 1000000000\n", refusal(priorityClass("huge", 1_000_000_001)));
        assertEquals("The PriorityClass \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with "
                + "'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class\n",
                refusal(priorityClass("system-mine", 5)));
        assertEquals("The PriorityClass \"system-node-critical\" is invalid: value: Forbidden: may not be changed in an "
                + "update.\n", api.kubectl().run("patch", "pc", "system-node-critical", "-p", "{\"value\":5}").err());
        assertEquals("Error from server (Forbidden): priorityclasses.scheduling.k8s.io \"system-node-critical\" is forbidden: "
                + "this is a system priority class and cannot be deleted\n",
                api.kubectl().run("delete", "pc", "system-node-critical").err());
        assertEquals("The PriorityClass \"odd\" is invalid: preemptionPolicy: Unsupported value: \"Sometimes\": supported "
                + "values: \"PreemptLowerPriority\", \"Never\"\n",
                refusal(priorityClass("odd", 1) + "preemptionPolicy: Sometimes\n"));

        create(priorityClass("fixed", 100));
        assertEquals("The PriorityClass \"fixed\" is invalid: value: Forbidden: may not be changed in an update.\n",
                api.kubectl().run("patch", "pc", "fixed", "-p", "{\"value\":101}").err());
        assertEquals("The PriorityClass \"fixed\" is invalid: preemptionPolicy: Invalid value: \"Never\": field is immutable\n",
                api.kubectl().run("patch", "pc", "fixed", "-p", "{\"preemptionPolicy\":\"Never\"}").err());
        assertEquals("priorityclass.scheduling.k8s.io/fixed patched\n",
                api.kubectl().run("patch", "pc", "fixed", "-p", "{\"description\":\"changed\"}").assertSuccess().out());
    }

    @Test
    void discovery() {
        assertLines(api.kubectl().run("api-resources", "--api-group=scheduling.k8s.io").assertSuccess().out().lines().toList(),
                "NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND",
                "priorityclasses\\s+pc\\s+scheduling.k8s.io/v1\\s+false\\s+PriorityClass");
        String explained = api.kubectl().run("explain", "priorityclass.preemptionPolicy").assertSuccess().out();
        assertTrue(explained.contains("GROUP:      scheduling.k8s.io\n"), explained);
        assertTrue(explained.contains("preemptionPolicy is the Policy for preempting pods with lower priority."), explained);
    }

    private static String pod(String name, String specLine) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  %s
                  containers: [{name: app, image: nginx}]
                """.formatted(name, specLine);
    }

    private static String priorityClass(String name, int value) {
        return """
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: %s}
                value: %d
                """.formatted(name, value);
    }

    private static String podPriority(String name) {
        return api.kubectl().run("get", "pod", name, "-o",
                "jsonpath={.spec.priorityClassName} {.spec.priority} {.spec.preemptionPolicy}").assertSuccess().out();
    }

    private static void create(String manifest) {
        api.kubectl().runWithInput(manifest, "create", "-f", "-").assertSuccess();
    }

    /** What kubectl prints when the server refuses to create {@code manifest}. */
    private static String refusal(String manifest) {
        return api.kubectl().runWithInput(manifest, "create", "-f", "-").err();
    }
}
