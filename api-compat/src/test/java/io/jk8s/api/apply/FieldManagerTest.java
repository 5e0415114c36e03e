package io.jk8s.api.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.testing.TestSchemas;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Ownership through updates and applies, with the outcomes SMD's merge tests and kube show. */
class FieldManagerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    private static final FieldManager DEPLOYMENTS = new FieldManager(TestSchemas.catalog(),
            TestSchemas.catalog().forKind("apps", "v1", "Deployment").orElseThrow(), "apps/v1", "Deployment", true, CLOCK);

    private static final String DEPLOYMENT = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},"
            + "'spec':{'replicas':2,'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},"
            + "'spec':{'containers':[{'name':'nginx','image':'nginx:1','ports':[{'containerPort':80}]}]}}}}";

    @Test
    void aCreateOwnsWhatItSetLikeKube() {
        JsonNode managed = DEPLOYMENTS.update(null, json(DEPLOYMENT), "kubectl-create", null);
        assertEquals(1, managed.size());
        JsonNode entry = managed.get(0);
        assertEquals("kubectl-create", entry.get("manager").asText());
        assertEquals("Update", entry.get("operation").asText());
        assertEquals("2026-01-02T03:04:05Z", entry.get("time").asText());
        assertEquals(json("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:replicas':{},'f:selector':{},"
                + "'f:template':{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{'k:{\\\"name\\\":\\\"nginx\\\"}':"
                + "{'.':{},'f:image':{},'f:name':{},'f:ports':{'.':{},'k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}':"
                + "{'.':{},'f:containerPort':{}}}}}}}}}"), entry.get("fieldsV1"));
    }

    @Test
    void applyingAFieldAnotherManagerOwnsConflictsUnlessForced() {
        ObjectNode live = withManaged(json(DEPLOYMENT), DEPLOYMENTS.update(null, json(DEPLOYMENT), "kubectl-client-side-apply", null));
        String config = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':5}}";
        ApiException e = assertThrows(ApiException.class, () -> DEPLOYMENTS.apply(live, json(config), "other", null, false));
        assertEquals(409, e.code());
        assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas",
                e.getMessage());
        assertEquals(".spec.replicas", e.status().getDetails().getCauses().get(0).getField());

        ObjectNode forced = DEPLOYMENTS.apply(live, json(config), "other", null, true);
        assertEquals(5, forced.at("/spec/replicas").asInt());
        JsonNode entries = forced.at("/metadata/managedFields");
        assertEquals("other", entries.get(0).get("manager").asText());
        assertEquals("Apply", entries.get(0).get("operation").asText());
        assertEquals(json("{'f:spec':{'f:replicas':{}}}"), entries.get(0).get("fieldsV1"));
        assertFalse(FieldSet.fromFieldsV1(entries.get(1).get("fieldsV1")).has(FieldPath.of("spec", "replicas")));
    }

    /** SMD refuses to type a configuration whose list-map items lack their keys or share them; kube answers a plain 500. */
    @Test
    void aConfigurationWhoseListMapItemsLackOrRepeatTheirKeysIsRefused() {
        String missing = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'template':{'spec':{'containers':[{'image':'nginx'}]}}}}";
        ApiException e = assertThrows(ApiException.class, () -> DEPLOYMENTS.apply(null, json(missing), "applier", null, false));
        assertEquals(500, e.code());
        assertNull(e.status().getReason());
        assertEquals("failed to create typed patch object (apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: "
                + "associative list with keys has an element that omits key field \"name\" (and doesn't have default value)", e.getMessage());

        String repeated = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':"
                + "{'containers':[{'name':'a','image':'a','ports':[{'containerPort':80},{'containerPort':80,'protocol':'TCP'}]},"
                + "{'name':'a','image':'b'}]}}}}";
        e = assertThrows(ApiException.class, () -> DEPLOYMENTS.apply(null, json(repeated), "applier", null, false));
        assertEquals("failed to create typed patch object (apps/v1, Kind=Deployment): errors:\n"
                + "  .spec.template.spec.containers[name=\"a\"].ports: duplicate entries for key [containerPort=80,protocol=\"TCP\"]\n"
                + "  .spec.template.spec.containers: duplicate entries for key [name=\"a\"]", e.getMessage());
    }

    @Test
    void applyingTheSameValueSharesOwnershipWithoutConflict() {
        ObjectNode live = withManaged(json(DEPLOYMENT), DEPLOYMENTS.update(null, json(DEPLOYMENT), "creator", null));
        ObjectNode applied = DEPLOYMENTS.apply(live, json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'replicas':2}}"), "applier", null, false);
        assertEquals(2, applied.at("/metadata/managedFields").size());
    }

    @Test
    void aFieldTheApplierStopsApplyingIsRemovedUnlessSomeoneElseOwnsIt() {
        String first = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'a':'1','b':'2'}},"
                + "'spec':{'template':{'spec':{'containers':[{'name':'x','image':'x:1'},{'name':'y','image':'y:1'}]}}}}";
        ObjectNode created = DEPLOYMENTS.apply(null, json(first), "applier", null, false);
        String second = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'a':'1'}},"
                + "'spec':{'template':{'spec':{'containers':[{'name':'x','image':'x:1'}]}}}}";
        ObjectNode next = DEPLOYMENTS.apply(created, json(second), "applier", null, false);
        assertNull(next.at("/metadata/labels").get("b"));
        assertEquals(1, next.at("/spec/template/spec/containers").size());

        ObjectNode shared = DEPLOYMENTS.apply(created, json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                + "'labels':{'b':'2'}}}"), "other", null, false);
        ObjectNode kept = DEPLOYMENTS.apply(shared, json(second), "applier", null, false);
        assertEquals("2", kept.at("/metadata/labels/b").asText());
    }

    @Test
    void keyedListsMergeItemByItem() {
        ObjectNode created = DEPLOYMENTS.apply(null, json(DEPLOYMENT), "a", null, false);
        ObjectNode merged = DEPLOYMENTS.apply(created, json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'template':{'spec':{'containers':[{'name':'sidecar','image':'s:1'}]}}}}"), "b", null, false);
        assertEquals(2, merged.at("/spec/template/spec/containers").size());
        assertEquals("nginx:1", merged.at("/spec/template/spec/containers/0/image").asText());
    }

    @Test
    void updatesTakeChangedFieldsFromAppliersAndNoOpsChangeNothing() {
        ObjectNode created = DEPLOYMENTS.apply(null, json(DEPLOYMENT), "applier", null, false);
        ObjectNode scaled = created.deepCopy();
        scaled.withObject("spec").put("replicas", 7);
        JsonNode managed = DEPLOYMENTS.update(created, scaled, "kubectl-scale", "scale");
        assertEquals(2, managed.size());
        assertEquals("kubectl-scale", managed.get(1).get("manager").asText());
        assertEquals("scale", managed.get(1).get("subresource").asText());
        assertFalse(FieldSet.fromFieldsV1(managed.get(0).get("fieldsV1")).has(FieldPath.of("spec", "replicas")));
        assertEquals(created.at("/metadata/managedFields"), DEPLOYMENTS.update(created, created.deepCopy(), "x", null));
    }

    @Test
    void statusIsNotOwnedThroughTheMainResource() {
        ObjectNode withStatus = json(DEPLOYMENT);
        withStatus.putObject("status").put("replicas", 1);
        JsonNode managed = DEPLOYMENTS.update(null, withStatus, "m", null);
        assertFalse(managed.get(0).get("fieldsV1").has("f:status"));
        assertTrue(managed.get(0).get("fieldsV1").has("f:spec"));
    }

    @Test
    void anUntrackedObjectStaysUntrackedByUpdates() {
        assertNull(DEPLOYMENTS.update(json(DEPLOYMENT), json(DEPLOYMENT.replace("'replicas':2", "'replicas':3")), "m", null));
    }

    @Test
    void moreThanTenUpdatersFoldTheOldestIntoAncientChanges() {
        ObjectNode object = json(DEPLOYMENT);
        object.withObject("metadata").set("managedFields", DEPLOYMENTS.update(null, object, "m0", null));
        for (int i = 1; i <= 11; i++) {
            ObjectNode next = object.deepCopy();
            next.withObject("metadata").withObject("annotations").put("a" + i, "x");
            next.withObject("metadata").set("managedFields", DEPLOYMENTS.update(object, next, "m" + i, null));
            object = next;
        }
        JsonNode managed = object.at("/metadata/managedFields");
        assertEquals(10, managed.size());
        assertEquals("ancient-changes", managed.get(0).get("manager").asText());
        // all within one second of the fixed clock, so the oldest are the first by name: m0, m1, m10
        FieldSet ancient = FieldSet.fromFieldsV1(managed.get(0).get("fieldsV1"));
        assertTrue(ancient.has(FieldPath.of("spec", "replicas")) && ancient.has(FieldPath.of("metadata", "annotations", "a1")), ancient.toString());
    }

    @Test
    void setsMergeByValueAndAtomicListsAreReplacedWhole() {
        String first = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','finalizers':['a/one']},"
                + "'spec':{'template':{'spec':{'containers':[{'name':'x','command':['sh','-c','one']}]}}}}";
        ObjectNode created = DEPLOYMENTS.apply(null, json(first), "first", null, false);
        ObjectNode merged = DEPLOYMENTS.apply(created, json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                + "'finalizers':['b/two']}}"), "second", null, false);
        assertEquals(json("{'f':['a/one','b/two']}").get("f"), merged.at("/metadata/finalizers"));
        FieldSet second = FieldSet.fromFieldsV1(merged.at("/metadata/managedFields/1/fieldsV1"));
        assertTrue(second.has(FieldPath.of("metadata", "finalizers").child(PathElement.value(json("{'v':'b/two'}").get("v")))),
                second.toString());

        ApiException atomic = assertThrows(ApiException.class, () -> DEPLOYMENTS.apply(created, json("{'apiVersion':'apps/v1',"
                + "'kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':[{'name':'x',"
                + "'command':['sh']}]}}}}"), "second", null, false));
        assertEquals("Apply failed with 1 conflict: conflict with \"first\": .spec.template.spec.containers[name=\"x\"].command",
                atomic.getMessage());
    }

    @Test
    void theFirstApplyToAnUntrackedObjectConflictsWithWhatWasThere() {
        ApiException e = assertThrows(ApiException.class, () -> DEPLOYMENTS.apply(json(DEPLOYMENT), json("{'apiVersion':'apps/v1',"
                + "'kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':9}}"), "applier", null, false));
        assertEquals("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas", e.getMessage());
    }

    private static ObjectNode withManaged(ObjectNode object, JsonNode managed) {
        object.withObject("metadata").set("managedFields", managed);
        return object;
    }

    private static ObjectNode json(String relaxed) {
        try {
            return (ObjectNode) ObjectCodec.JSON.readTree(relaxed.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
