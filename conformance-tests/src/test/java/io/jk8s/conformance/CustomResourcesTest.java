package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jk8s.conformance.support.CustomResourceDefinitions;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * apiextensions.k8s.io/v1 against the jar: a user applies a CustomResourceDefinition with real
 * kubectl, then works with its custom resources through kubectl and fabric8's
 * GenericKubernetesResource, as against kube-apiserver. Each test defines its own kind.
 */
class CustomResourcesTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster();

    static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = Fabric8ClientTest.fabric8Client(cluster);
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    /** The CronTab of the Kubernetes docs, under its own plural, kind and short name. */
    private static String crd(String plural, String kind, String shortName) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %1$s.stable.example.com
                spec:
                  group: stable.example.com
                  scope: Namespaced
                  names:
                    plural: %1$s
                    singular: %3$s
                    kind: %2$s
                    shortNames: [%4$s]
                    categories: [all]
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            required: [cronSpec]
                            properties:
                              cronSpec: {type: string}
                              image: {type: string}
                              replicas: {type: integer, minimum: 1, maximum: 10}
                              config:
                                type: object
                                x-kubernetes-preserve-unknown-fields: true
                          status:
                            type: object
                            properties:
                              replicas: {type: integer}
                              selector: {type: string}
                    subresources:
                      status: {}
                      scale:
                        specReplicasPath: .spec.replicas
                        statusReplicasPath: .status.replicas
                        labelSelectorPath: .status.selector
                    additionalPrinterColumns:
                    - {name: Spec, type: string, jsonPath: .spec.cronSpec}
                    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
                    - {name: Image, type: string, priority: 1, jsonPath: .spec.image}
                    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
                """.formatted(plural, kind, kind.toLowerCase(), shortName);
    }

    private static String cronTab(String kind, String name, int replicas) {
        return """
                apiVersion: stable.example.com/v1
                kind: %s
                metadata:
                  name: %s
                  labels: {app: cron}
                spec:
                  cronSpec: "* * * * */5"
                  image: my-awesome-cron-image
                  replicas: %d
                """.formatted(kind, name, replicas);
    }

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    private static void applyCrd(String plural, String kind, String shortName) {
        assertEquals("customresourcedefinition.apiextensions.k8s.io/" + plural + ".stable.example.com created\n",
                kubectl().runWithInput(crd(plural, kind, shortName), "apply", "-f", "-").assertSuccess().out());
    }

    @Test
    void applyDefinitionThenGetItAndItsKindAtOnce() {
        applyCrd("crontabs", "CronTab", "ct");
        List<String> crds = kubectl().run("get", "crd").assertSuccess().out().lines().toList();
        assertTrue(crds.get(0).matches("NAME\\s+CREATED AT"), crds.get(0));
        assertTrue(crds.stream().anyMatch(l -> l.matches("crontabs\\.stable\\.example\\.com\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")),
                String.join("\n", crds));

        // the same kubectl home, whose discovery cache predates the new group: kubectl refreshes it on a miss
        Kubectl.Result empty = kubectl().run("get", "ct");
        assertEquals(0, empty.exitCode(), empty.err());
        assertEquals("No resources found in default namespace.\n", empty.err());

        assertEquals("NamesAccepted=True/NoConflicts Established=True/InitialNamesAccepted", kubectl().run("get", "crd",
                "crontabs.stable.example.com", "-o",
                "jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason} {end}").assertSuccess().out().trim());
        assertEquals("crontabs CronTab v1 None", kubectl().run("get", "crd", "crontabs.stable.example.com", "-o",
                "jsonpath={.status.acceptedNames.plural} {.status.acceptedNames.kind} {.status.storedVersions[0]} "
                        + "{.spec.conversion.strategy}").assertSuccess().out());
        kubectl().run("wait", "--for=condition=Established", "crd/crontabs.stable.example.com", "--timeout=20s").assertSuccess();

        List<String> resources = kubectl().run("api-resources", "--api-group=stable.example.com").assertSuccess().out().lines().toList();
        assertTrue(resources.stream().anyMatch(l -> l.matches("crontabs\\s+ct\\s+stable\\.example\\.com/v1\\s+true\\s+CronTab")),
                String.join("\n", resources));
        List<String> crdRow = kubectl().run("api-resources", "--api-group=apiextensions.k8s.io", "-o", "wide").assertSuccess().out()
                .lines().toList();
        assertTrue(crdRow.get(1).matches("customresourcedefinitions\\s+crd,crds\\s+apiextensions\\.k8s\\.io/v1\\s+false\\s+"
                + "CustomResourceDefinition\\s+create,delete,deletecollection,get,list,patch,update,watch\\s+api-extensions"),
                crdRow.toString());
    }

    @Test
    void customResourcesThroughKubectl() {
        applyCrd("printjobs", "PrintJob", "pj");
        assertEquals("printjob.stable.example.com/nightly created\n",
                kubectl().runWithInput(cronTab("PrintJob", "nightly", 2), "apply", "-f", "-").assertSuccess().out());
        kubectl().runWithInput(cronTab("PrintJob", "hourly", 3).replace("app: cron", "app: other"), "create", "-f", "-")
                .assertSuccess();

        List<String> table = kubectl().run("get", "pj").assertSuccess().out().lines().toList();
        assertTrue(table.get(0).matches("NAME\\s+SPEC\\s+REPLICAS\\s+AGE"), table.get(0));
        assertTrue(table.stream().anyMatch(l -> l.matches("nightly\\s+\\* \\* \\* \\* \\*/5\\s+2\\s+\\d+s")), String.join("\n", table));
        List<String> wide = kubectl().run("get", "printjobs.stable.example.com", "-o", "wide").assertSuccess().out().lines().toList();
        assertTrue(wide.get(0).matches("NAME\\s+SPEC\\s+REPLICAS\\s+IMAGE\\s+AGE"), wide.get(0));
        assertTrue(wide.stream().anyMatch(l -> l.matches("hourly\\s+\\* \\* \\* \\* \\*/5\\s+3\\s+my-awesome-cron-image\\s+\\d+s")),
                String.join("\n", wide));
        assertEquals("nightly", kubectl().run("get", "pj", "-l", "app=cron", "-o", "name").assertSuccess().out().trim()
                .replace("printjob.stable.example.com/", ""));
        assertEquals("hourly", kubectl().run("get", "pj", "--field-selector", "metadata.name=hourly",
                "-o", "jsonpath={.items[*].metadata.name}").assertSuccess().out());
        assertEquals("1 default", kubectl().run("get", "pj", "nightly",
                "-o", "jsonpath={.metadata.generation} {.metadata.namespace}").assertSuccess().out());

        kubectl().run("patch", "pj", "nightly", "--type=merge", "-p", "{\"spec\":{\"replicas\":4}}").assertSuccess();
        kubectl().run("patch", "pj", "nightly", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":\"v2\"}]").assertSuccess();
        assertEquals("3 4 v2", kubectl().run("get", "pj", "nightly",
                "-o", "jsonpath={.metadata.generation} {.spec.replicas} {.spec.image}").assertSuccess().out());
        // kube serves strategic merge patch only for its compiled-in kinds
        assertEquals("error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=PrintJob: "
                        + "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n",
                kubectl().run("patch", "pj", "nightly", "-p", "{\"spec\":{\"replicas\":5}}").err());

        // status and scale subresources: the main resource ignores status, /status ignores the rest
        kubectl().run("patch", "pj", "nightly", "--type=merge", "-p", "{\"status\":{\"replicas\":9}}").assertSuccess();
        kubectl().run("patch", "pj", "nightly", "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"replicas\":4,\"selector\":\"app=cron\"},\"spec\":{\"replicas\":1}}").assertSuccess();
        assertEquals("3 4 4", kubectl().run("get", "pj", "nightly",
                "-o", "jsonpath={.metadata.generation} {.spec.replicas} {.status.replicas}").assertSuccess().out());
        assertEquals("printjob.stable.example.com/nightly scaled\n",
                kubectl().run("scale", "pj", "nightly", "--replicas=6").assertSuccess().out());
        String scale = kubectl().run("get", "--raw", "/apis/stable.example.com/v1/namespaces/default/printjobs/nightly/scale")
                .assertSuccess().out();
        assertTrue(scale.contains("\"spec\":{\"replicas\":6},\"status\":{\"replicas\":4,\"selector\":\"app=cron\"}"), scale);

        assertEquals("printjob.stable.example.com \"hourly\" deleted\n", kubectl().run("delete", "pj", "hourly").assertSuccess().out());
        assertEquals("Error from server (NotFound): printjobs.stable.example.com \"hourly\" not found\n",
                kubectl().run("get", "pj", "hourly").err());

        // server-side apply, with field ownership by the version's schema
        assertEquals("printjob.stable.example.com/applied serverside-applied\n", kubectl().runWithInput(
                cronTab("PrintJob", "applied", 2), "apply", "--server-side", "-f", "-").assertSuccess().out());
        assertEquals("kubectl/Apply", kubectl().run("get", "pj", "applied", "-o",
                "jsonpath={.metadata.managedFields[0].manager}/{.metadata.managedFields[0].operation}").assertSuccess().out());
        String conflict = kubectl().runWithInput(cronTab("PrintJob", "applied", 3), "apply", "--server-side",
                "--field-manager=other", "-f", "-").err();
        assertTrue(conflict.startsWith("error: Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas\n"), conflict);
    }

    @Test
    void watchSeesCustomResourceChanges() throws Exception {
        applyCrd("backups", "Backup", "bk");
        // the watch prints the version's printer columns, as kubectl does against kube
        try (Kubectl.Streaming watch = kubectl().stream("get", "bk", "--watch", "--output-watch-events")) {
            kubectl().runWithInput(cronTab("Backup", "daily", 2), "apply", "-f", "-").assertSuccess();
            kubectl().run("patch", "bk", "daily", "--type=merge", "-p", "{\"spec\":{\"replicas\":7}}").assertSuccess();
            kubectl().run("delete", "bk", "daily").assertSuccess();
            assertMatches("EVENT\\s+NAME\\s+SPEC\\s+REPLICAS\\s+AGE", watch.nextLine(30));
            assertMatches("ADDED\\s+daily\\s+\\* \\* \\* \\* \\*/5\\s+2\\s+\\d+s", watch.nextLine(30));
            assertMatches("MODIFIED\\s+daily\\s+\\* \\* \\* \\* \\*/5\\s+7\\s+\\d+s", watch.nextLine(30));
            assertMatches("DELETED\\s+daily\\s+\\* \\* \\* \\* \\*/5\\s+7\\s+\\d+s", watch.nextLine(30));
        }
    }

    private static void assertMatches(String regex, String line) {
        assertTrue(line != null && line.matches(regex), "expected /" + regex + "/ but was: " + line);
    }

    @Test
    void fabric8GenericResources() throws Exception {
        applyCrd("reports", "Report", "rp");
        ResourceDefinitionContext reports = new ResourceDefinitionContext.Builder().withGroup("stable.example.com")
                .withVersion("v1").withKind("Report").withPlural("reports").withNamespaced(true).build();
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Watch watch = client.genericKubernetesResources(reports).inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
        try {
            GenericKubernetesResource created = client.genericKubernetesResources(reports).inNamespace("default")
                    .resource(new GenericKubernetesResourceBuilder().withApiVersion("stable.example.com/v1").withKind("Report")
                            .withNewMetadata().withName("q1").endMetadata()
                            .addToAdditionalProperties("spec", Map.of("cronSpec", "@daily", "replicas", 1,
                                    "config", Map.of("anything", "goes")))
                            .build())
                    .create();
            assertNotNull(created.getMetadata().getUid());
            assertEquals(1L, created.getMetadata().getGeneration());
            assertNotNull(created.getMetadata().getCreationTimestamp());

            GenericKubernetesResource read = client.genericKubernetesResources(reports).inNamespace("default").withName("q1").get();
            assertEquals(created.getMetadata().getResourceVersion(), read.getMetadata().getResourceVersion());
            assertEquals(Map.of("anything", "goes"), read.<Map<String, Object>>get("spec", "config"));

            GenericKubernetesResource edited = client.genericKubernetesResources(reports).inNamespace("default").withName("q1")
                    .edit(r -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
                        spec.put("replicas", 2);
                        return r;
                    });
            assertEquals(2L, edited.getMetadata().getGeneration());
            assertNotEquals(created.getMetadata().getResourceVersion(), edited.getMetadata().getResourceVersion());

            GenericKubernetesResourceList list = client.genericKubernetesResources(reports).inAnyNamespace().list();
            assertEquals(List.of("q1"), list.getItems().stream().map(r -> r.getMetadata().getName()).toList());
            assertEquals("ReportList", list.getKind());

            KubernetesClientException invalid = assertThrows(KubernetesClientException.class, () ->
                    client.genericKubernetesResources(reports).inNamespace("default").withName("q1")
                            .edit(r -> {
                                r.getAdditionalProperties().put("spec", Map.of("replicas", 1));
                                return r;
                            }));
            assertEquals(422, invalid.getCode());
            assertEquals("Report.stable.example.com \"q1\" is invalid: spec.cronSpec: Required value", invalid.getStatus().getMessage());

            GenericKubernetesResource applied = client.genericKubernetesResources(reports).inNamespace("default")
                    .resource(new GenericKubernetesResourceBuilder().withApiVersion("stable.example.com/v1").withKind("Report")
                            .withNewMetadata().withName("q2").endMetadata()
                            .addToAdditionalProperties("spec", Map.of("cronSpec", "@hourly")).build())
                    .fieldManager("report-operator").forceConflicts().serverSideApply();
            assertEquals("report-operator", applied.getMetadata().getManagedFields().get(0).getManager());
            client.genericKubernetesResources(reports).inNamespace("default").withName("q2").delete();

            // fabric8 resolves the plural and scope of an apiVersion and kind through discovery
            assertEquals(List.of("q1"), client.genericKubernetesResources("stable.example.com/v1", "Report").inNamespace("default")
                    .list().getItems().stream().map(r -> r.getMetadata().getName()).toList());
            CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions()
                    .withName("reports.stable.example.com").get();
            assertEquals(List.of("NamesAccepted:True", "Established:True"), definition.getStatus().getConditions().stream()
                    .map(c -> c.getType() + ":" + c.getStatus()).toList());

            assertTrue(client.genericKubernetesResources(reports).inNamespace("default").withName("q1").delete().size() == 1);
            assertEquals("ADDED q1", events.poll(30, TimeUnit.SECONDS));
            assertEquals("MODIFIED q1", events.poll(30, TimeUnit.SECONDS));
            assertEquals("ADDED q2", events.poll(30, TimeUnit.SECONDS));
            assertEquals("DELETED q2", events.poll(30, TimeUnit.SECONDS));
            assertEquals("DELETED q1", events.poll(30, TimeUnit.SECONDS));
            assertNull(client.genericKubernetesResources(reports).inNamespace("default").withName("q1").get());
        } finally {
            watch.close();
        }
    }

    @Test
    void deletingTheDefinitionRemovesItsResourcesAndStopsServingThem() {
        applyCrd("snapshots", "Snapshot", "snap");
        kubectl().run("create", "namespace", "snaps").assertSuccess();
        kubectl().runWithInput(cronTab("Snapshot", "s1", 1), "apply", "-n", "snaps", "-f", "-").assertSuccess();
        kubectl().runWithInput(cronTab("Snapshot", "s2", 1), "apply", "-f", "-").assertSuccess();

        assertEquals("customresourcedefinition.apiextensions.k8s.io \"snapshots.stable.example.com\" deleted\n",
                kubectl().run("delete", "crd", "snapshots.stable.example.com").assertSuccess().out());
        assertEquals("Error from server (NotFound): the server could not find the requested resource\n",
                kubectl().run("get", "--raw", "/apis/stable.example.com/v1/namespaces/snaps/snapshots/s1").err());
        // kubectl trusts its discovery cache until something refreshes it, as against kube; api-resources does
        kubectl().run("api-resources").assertSuccess();
        assertEquals("error: the server doesn't have a resource type \"snap\"\n", kubectl().run("get", "snap", "-A").err());

        // a definition of the same name starts empty: the old objects went with the old definition
        applyCrd("snapshots", "Snapshot", "snap");
        assertEquals("No resources found\n", kubectl().run("get", "snap", "-A").err());
    }

    @Test
    void aResourceHeldByItsFinalizerHoldsTheDefinitionWhichRefusesCreates() {
        applyCrd("locks", "Lock", "lk");
        kubectl().runWithInput(cronTab("Lock", "held", 1).replace("  labels: {app: cron}", "  finalizers: [example.com/keep]"),
                "apply", "-f", "-").assertSuccess();
        assertEquals("customresourcedefinition.apiextensions.k8s.io \"locks.stable.example.com\" deleted\n",
                kubectl().run("delete", "crd", "locks.stable.example.com", "--wait=false").assertSuccess().out());
        Eventually.until("the lock marked for deletion", () -> kubectl().run("get", "lk", "held", "-o",
                "jsonpath={.metadata.deletionTimestamp}").out(), out -> !out.isEmpty());
        assertEquals("True/InstanceDeletionPending", kubectl().run("get", "crd", "locks.stable.example.com", "-o",
                "jsonpath={range .status.conditions[?(@.type==\"Terminating\")]}{.status}/{.reason}{end}").assertSuccess().out());
        assertEquals("Error from server (MethodNotAllowed): error when creating \"STDIN\": "
                        + "create not allowed while custom resource definition is terminating\n",
                kubectl().runWithInput(cronTab("Lock", "late", 1), "create", "-f", "-").err());

        kubectl().run("patch", "lk", "held", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}").assertSuccess();
        Eventually.until("the definition gone", () -> kubectl().run("get", "crd", "locks.stable.example.com").err(),
                err -> err.contains("NotFound"));
    }

    @Test
    void definitionsAndCustomResourcesSurviveACrash() {
        applyCrd("journals", "Journal", "jr");
        kubectl().runWithInput(cronTab("Journal", "kept", 2), "apply", "-f", "-").assertSuccess();
        cluster.server().kill9();
        cluster.server().restart();
        assertEquals("kept 2 True", kubectl().run("get", "jr", "kept", "-o",
                "jsonpath={.metadata.name} {.spec.replicas} ").assertSuccess().out()
                + kubectl().run("get", "crd", "journals.stable.example.com", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").assertSuccess().out());
        kubectl().run("patch", "jr", "kept", "--type=merge", "-p", "{\"spec\":{\"replicas\":3}}").assertSuccess();
        assertEquals("2 3", kubectl().run("get", "jr", "kept", "-o", "jsonpath={.metadata.generation} {.spec.replicas}")
                .assertSuccess().out());
    }

    @Test
    void invalidDefinitionsAndObjectsAreRefusedWithKubesMessages() {
        assertEquals("The CustomResourceDefinition \"crontab.stable.example.com\" is invalid: metadata.name: "
                        + "Invalid value: \"crontab.stable.example.com\": must be spec.names.plural+\".\"+spec.group\n",
                kubectl().runWithInput(crd("widgets", "Widget", "wd").replace("name: widgets.stable", "name: crontab.stable"),
                        "create", "-f", "-").err());
        assertEquals("The CustomResourceDefinition \"widgets.stable.example.com\" is invalid: spec.scope: "
                        + "Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"\n",
                kubectl().runWithInput(crd("widgets", "Widget", "wd").replace("scope: Namespaced", "scope: Global"),
                        "create", "-f", "-").err());
        String noSchema = crd("widgets", "Widget", "wd");
        noSchema = noSchema.substring(0, noSchema.indexOf("    schema:")) + noSchema.substring(noSchema.indexOf("    subresources:"));
        assertEquals("The CustomResourceDefinition \"widgets.stable.example.com\" is invalid: "
                        + "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required\n",
                kubectl().runWithInput(noSchema, "create", "-f", "-").err());

        assertEquals("The CustomResourceDefinition \"widgets.stable.example.com\" is invalid: "
                        + "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[image].type: "
                        + "Required value: must not be empty for specified object fields\n",
                kubectl().runWithInput(crd("widgets", "Widget", "wd").replace("image: {type: string}", "image: {}"),
                        "create", "-f", "-").err());
        applyCrd("widgets", "Widget", "wd");
        assertEquals("The Widget \"big\" is invalid: spec.replicas: Invalid value: 11: "
                        + "spec.replicas in body should be less than or equal to 10\n",
                kubectl().runWithInput(cronTab("Widget", "big", 11), "create", "-f", "-").err());
        assertEquals("The Widget \"typo\" is invalid: spec.replicas: Invalid value: \"string\": "
                        + "spec.replicas in body must be of type integer: \"string\"\n",
                kubectl().runWithInput(cronTab("Widget", "typo", 1).replace("replicas: 1", "replicas: \"one\""),
                        "create", "-f", "-").err());
        // kubectl asks for strict field validation; unknown fields are pruned, or refused under Strict
        assertEquals("Error from server (BadRequest): error when creating \"STDIN\": Widget in version \"v1\" cannot be "
                        + "handled as a Widget: strict decoding error: unknown field \"spec.colour\"\n",
                kubectl().runWithInput(cronTab("Widget", "strict", 1).replace("  image:", "  colour: red\n  image:"),
                        "create", "-f", "-").err());
        kubectl().runWithInput(cronTab("Widget", "pruned", 1).replace("  image:", "  colour: red\n  image:"),
                "create", "--validate=false", "-f", "-").assertSuccess();
        assertEquals("{\"cronSpec\":\"* * * * */5\",\"image\":\"my-awesome-cron-image\",\"replicas\":1}",
                kubectl().run("get", "wd", "pruned", "-o", "jsonpath={.spec}").assertSuccess().out());
    }

    /** A definition whose schema declares defaults at several levels, as in the Kubernetes docs' defaulting section. */
    private static String pumps(String extraSpecField) {
        return CustomResourceDefinitions.namespaced("water.example.com", "pumps", "Pump", """
                rate: {type: integer, default: 5}
                mode: {type: string, default: auto}
                schedule:
                  type: object
                  properties:
                    every: {type: string, default: 1h}
                limits:
                  type: object
                  default: {}
                  properties:
                    max: {type: integer, default: 100}
                nozzles:
                  type: array
                  items:
                    type: object
                    properties:
                      name: {type: string}
                      size: {type: integer, default: 2}
                """ + extraSpecField);
    }

    /**
     * Defaults apply to what is sent (a non-nullable null counts as missing), inside an object only
     * when it is there (or defaulted itself), and to what was stored before the default was declared.
     */
    @Test
    void schemaDefaultsAreAppliedOnWriteAndOnRead() {
        kubectl().runWithInput(pumps(""), "apply", "-f", "-").assertSuccess();
        kubectl().runWithInput("""
                apiVersion: water.example.com/v1
                kind: Pump
                metadata: {name: front}
                spec:
                  mode: null
                  nozzles: [{name: a}, {name: b, size: 3}]
                """, "apply", "-f", "-").assertSuccess();
        String yaml = kubectl().run("get", "pump", "front", "-o", "yaml").assertSuccess().out();
        assertTrue(yaml.endsWith("""
                spec:
                  limits:
                    max: 100
                  mode: auto
                  nozzles:
                  - name: a
                    size: 2
                  - name: b
                    size: 3
                  rate: 5
                """), yaml);
        kubectl().runWithInput("apiVersion: water.example.com/v1\nkind: Pump\nmetadata: {name: back}\nspec:\n  schedule: {}\n",
                "apply", "-f", "-").assertSuccess();
        assertEquals("{\"limits\":{\"max\":100},\"mode\":\"auto\",\"rate\":5,\"schedule\":{\"every\":\"1h\"}}",
                kubectl().run("get", "pump", "back", "-o", "jsonpath={.spec}").assertSuccess().out());
        kubectl().runWithInput("apiVersion: water.example.com/v1\nkind: Pump\nmetadata: {name: bare}\n", "apply", "-f", "-")
                .assertSuccess();
        assertEquals("", kubectl().run("get", "pump", "bare", "-o", "jsonpath={.spec}").assertSuccess().out());

        // a default declared later shows on objects stored before it, without rewriting them
        String resourceVersion = kubectl().run("get", "pump", "front", "-o", "jsonpath={.metadata.resourceVersion}").assertSuccess().out();
        kubectl().runWithInput(pumps("color: {type: string, default: red}"), "apply", "-f", "-").assertSuccess();
        assertEquals("red " + resourceVersion, kubectl().run("get", "pump", "front",
                "-o", "jsonpath={.spec.color} {.metadata.resourceVersion}").assertSuccess().out());
        assertEquals("back=red bare= front=red ", kubectl().run("get", "pumps",
                "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.color} {end}").assertSuccess().out());
    }

    @Test
    void definitionsWithInvalidDefaultsAreRefused() {
        String crd = CustomResourceDefinitions.namespaced("water.example.com", "tanks", "Tank", """
                level: {type: integer, default: 0, minimum: 1}
                gauge: {type: object, properties: {a: {type: string}}, default: {a: x, b: 2}}
                tags: {type: array, items: {type: string, default: 7}}
                """);
        String prefix = "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties";
        assertEquals("The CustomResourceDefinition \"tanks.water.example.com\" is invalid: \n"
                        + "* " + prefix + "[gauge].default: Invalid value: map[string]interface {}{\"a\":\"x\", \"b\":2}: "
                        + "must not have unknown fields\n"
                        + "* " + prefix + "[level].default: Invalid value: 0: in body should be greater than or equal to 1\n"
                        + "* " + prefix + "[tags].items.default: Invalid value: \"integer\": in body must be of type string: "
                        + "\"integer\"\n",
                kubectl().runWithInput(crd, "apply", "-f", "-").err());
    }

    private static String conditions(String crd) {
        return kubectl().run("get", "crd", crd, "-o", "jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason}: "
                + "{.message}{\"\\n\"}{end}").assertSuccess().out();
    }

    /**
     * kube's naming controller: a definition may not take a name another definition of its group has
     * accepted; it is not served until the name is free, and gets it once the other goes.
     */
    @Test
    void aDefinitionWhoseNamesAreTakenIsNotServedUntilTheyAreFree() {
        applyCrd("lamps", "Lamp", "lp");
        applyCrd("lanterns", "Lamp", "ln");
        assertEquals("""
                NamesAccepted=False/ListKindConflict: "LampList" is already in use
                Established=False/NotAccepted: not all names are accepted
                """, conditions("lanterns.stable.example.com"));
        // the singular "lamp" is taken too; the last conflict found names the reason
        assertEquals("{\"kind\":\"\",\"plural\":\"lanterns\",\"shortNames\":[\"ln\"]}",
                kubectl().run("get", "crd", "lanterns.stable.example.com", "-o", "jsonpath={.status.acceptedNames}")
                        .assertSuccess().out().replace(",\"categories\":[\"all\"]", "").replace("\"categories\":[\"all\"],", ""));
        assertEquals("error: the server doesn't have a resource type \"lanterns\"\n", kubectl().run("get", "lanterns").err());

        applyCrd("torches", "Torch", "lp");
        assertEquals("""
                NamesAccepted=False/ShortNamesConflict: "lp" is already in use
                Established=False/NotAccepted: not all names are accepted
                """, conditions("torches.stable.example.com"));

        // an established definition keeps serving its accepted names when an edit asks for a taken one
        kubectl().runWithInput(crd("lamps", "Lamp", "lp").replace("shortNames: [lp]", "shortNames: [lp, ln]"), "apply", "-f", "-")
                .assertSuccess();
        assertEquals("""
                NamesAccepted=False/ShortNamesConflict: "ln" is already in use
                Established=True/InitialNamesAccepted: the initial names have been accepted
                """, conditions("lamps.stable.example.com"));
        assertEquals("lp", kubectl().run("get", "crd", "lamps.stable.example.com", "-o", "jsonpath={.status.acceptedNames.shortNames}")
                .assertSuccess().out().replaceAll("[\\[\\]\"]", ""));
        assertEquals("No resources found in default namespace.\n", kubectl().run("get", "lp").assertSuccess().err());

        kubectl().run("delete", "crd", "lamps.stable.example.com").assertSuccess();
        Eventually.until("the lanterns' names are accepted", () -> conditions("lanterns.stable.example.com"),
                c -> c.startsWith("NamesAccepted=True/NoConflicts: no conflicts found\n"));
        assertEquals("""
                NamesAccepted=True/NoConflicts: no conflicts found
                Established=True/InitialNamesAccepted: the initial names have been accepted
                """, conditions("lanterns.stable.example.com"));
        assertEquals("No resources found in default namespace.\n", kubectl().run("get", "ln").assertSuccess().err());
        Eventually.until("the torches' names are accepted", () -> conditions("torches.stable.example.com"),
                c -> c.startsWith("NamesAccepted=True/NoConflicts"));
    }

    private static final String GATEWAYS = CustomResourceDefinitions.namespaced("net.example.com", "gateways", "Gateway", """
            ports:
              type: array
              x-kubernetes-list-type: map
              x-kubernetes-list-map-keys: [name, protocol]
              items:
                type: object
                required: [name, protocol]
                properties:
                  name: {type: string}
                  protocol: {type: string}
                  port: {type: integer}
            hosts:
              type: array
              x-kubernetes-list-type: set
              items: {type: string}
            labels:
              type: object
              additionalProperties: {type: string}
            """);

    private static String gateway(String name, String ports, String hosts) {
        return "apiVersion: net.example.com/v1\nkind: Gateway\nmetadata: {name: " + name + "}\nspec:\n  ports: [" + ports
                + "]\n  hosts: [" + hosts + "]\n";
    }

    private static final String WEB = "{name: http, protocol: TCP, port: 80}, {name: https, protocol: TCP, port: 443}";
    private static final String WEB_AND_METRICS = "{name: http, protocol: TCP, port: 8080}, {name: metrics, protocol: TCP, port: 9090}";

    /**
     * Three rounds of apply on a list-map keyed by two fields and a set: server-side apply merges
     * them item by item with another manager's, and drops only what its manager stopped applying;
     * client-side apply (a JSON merge patch for custom resources) replaces a list it changed.
     */
    @Test
    void applyMergesListMapsByTheirKeys() {
        kubectl().runWithInput(GATEWAYS, "apply", "-f", "-").assertSuccess();

        kubectl().runWithInput(gateway("ssa", WEB, "a.example, b.example"), "apply", "--server-side", "-f", "-").assertSuccess();
        kubectl().runWithInput(gateway("ssa", "{name: dns, protocol: UDP, port: 53}", "c.example"),
                "apply", "--server-side", "--field-manager=other", "-f", "-").assertSuccess();
        assertEquals("gateway.net.example.com/ssa serverside-applied\n", kubectl().runWithInput(
                gateway("ssa", WEB_AND_METRICS, "a.example"), "apply", "--server-side", "-f", "-").assertSuccess().out());
        assertEquals("{\"hosts\":[\"a.example\",\"c.example\"],\"ports\":[{\"name\":\"http\",\"port\":8080,\"protocol\":\"TCP\"},"
                        + "{\"name\":\"dns\",\"port\":53,\"protocol\":\"UDP\"},{\"name\":\"metrics\",\"port\":9090,\"protocol\":\"TCP\"}]}",
                kubectl().run("get", "gateway", "ssa", "-o", "jsonpath={.spec}").assertSuccess().out());
        // kube sorts the entries by time (in seconds), then by manager: either may come first
        assertEquals("""
                kubectl Apply {"f:spec":{"f:hosts":{"v:\\"a.example\\"":{}},"f:ports":{"k:{\\"name\\":\\"http\\",\\"protocol\\":\\"TCP\\"}":\
                {".":{},"f:name":{},"f:port":{},"f:protocol":{}},"k:{\\"name\\":\\"metrics\\",\\"protocol\\":\\"TCP\\"}":\
                {".":{},"f:name":{},"f:port":{},"f:protocol":{}}}}}
                other Apply {"f:spec":{"f:hosts":{"v:\\"c.example\\"":{}},"f:ports":{"k:{\\"name\\":\\"dns\\",\\"protocol\\":\\"UDP\\"}":\
                {".":{},"f:name":{},"f:port":{},"f:protocol":{}}}}}
                """, kubectl().run("get", "gateway", "ssa", "-o",
                "jsonpath={range .metadata.managedFields[*]}{.manager} {.operation} {.fieldsV1}{\"\\n\"}{end}").assertSuccess().out()
                .lines().sorted().map(line -> line + "\n").collect(java.util.stream.Collectors.joining()));

        // structured-merge-diff cannot type a configuration whose list-map repeats a key
        assertEquals("Error from server: failed to create typed patch object (net.example.com/v1, Kind=Gateway): .spec.ports: "
                        + "duplicate entries for key [name=\"http\",protocol=\"TCP\"]\n",
                kubectl().runWithInput(gateway("ssa", WEB_AND_METRICS + ", {name: http, protocol: TCP, port: 81}", "a.example"),
                        "apply", "--server-side", "-f", "-").err());

        assertEquals("gateway.net.example.com/csa created\n", kubectl().runWithInput(gateway("csa", WEB, "a.example, b.example"),
                "apply", "-f", "-").assertSuccess().out());
        kubectl().run("patch", "gateway", "csa", "--type=merge", "-p", "{\"spec\":{\"labels\":{\"team\":\"edge\"}}}").assertSuccess();
        assertEquals("gateway.net.example.com/csa configured\n", kubectl().runWithInput(
                gateway("csa", WEB_AND_METRICS, "a.example"), "apply", "-f", "-").assertSuccess().out());
        assertEquals("gateway.net.example.com/csa unchanged\n", kubectl().runWithInput(
                gateway("csa", WEB_AND_METRICS, "a.example"), "apply", "-f", "-").assertSuccess().out());
        assertEquals("{\"hosts\":[\"a.example\"],\"labels\":{\"team\":\"edge\"},\"ports\":[{\"name\":\"http\",\"port\":8080,"
                        + "\"protocol\":\"TCP\"},{\"name\":\"metrics\",\"port\":9090,\"protocol\":\"TCP\"}]}",
                kubectl().run("get", "gateway", "csa", "-o", "jsonpath={.spec}").assertSuccess().out());
        assertEquals(List.of("kubectl-client-side-apply Update", "kubectl-patch Update"), List.of(kubectl().run("get", "gateway", "csa",
                "-o", "jsonpath={range .metadata.managedFields[*]}{.manager} {.operation},{end}").assertSuccess().out().split(","))
                .stream().sorted().toList());
    }
}
