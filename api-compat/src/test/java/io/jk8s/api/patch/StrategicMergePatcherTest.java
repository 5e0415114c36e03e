package io.jk8s.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.testing.TestSchemas;
import org.junit.jupiter.api.Test;

/** Strategic merge patches on pods, with the cases upstream's strategicpatch tests cover. */
class StrategicMergePatcherTest {

    private static final StrategicMergePatcher PATCHER = new StrategicMergePatcher(TestSchemas.catalog());
    private static final String POD = "io.k8s.api.core.v1.Pod";

    @Test
    void containersMergeByNameAndKeepTheServersOthers() {
        assertPatch("{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}}",
                "{'spec':{'containers':[{'name':'a','image':'a:2'},{'name':'c','image':'c:1'}]}}",
                "{'spec':{'containers':[{'name':'a','image':'a:2'},{'name':'c','image':'c:1'},{'name':'b','image':'b:1'}]}}");
    }

    @Test
    void nestedListsMergeByTheirOwnKeys() {
        assertPatch("{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}],"
                        + "'ports':[{'containerPort':80,'protocol':'TCP'}]}]}}",
                "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'3'}],'ports':[{'containerPort':443}]}]}}",
                "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'3'}],"
                        + "'ports':[{'containerPort':443},{'containerPort':80,'protocol':'TCP'}]}]}}");
    }

    @Test
    void nullDeletesAFieldInsideAMergedElement() {
        assertPatch("{'spec':{'containers':[{'name':'a','image':'a:1','command':['sh']}]}}",
                "{'spec':{'containers':[{'name':'a','command':null}]}}",
                "{'spec':{'containers':[{'name':'a','image':'a:1'}]}}");
    }

    @Test
    void listsWithoutAMergeStrategyAreReplaced() {
        assertPatch("{'spec':{'tolerations':[{'key':'a'},{'key':'b'}],'containers':[{'name':'a','args':['x','y']}]}}",
                "{'spec':{'tolerations':[{'key':'c'}],'containers':[{'name':'a','args':['z']}]}}",
                "{'spec':{'tolerations':[{'key':'c'}],'containers':[{'name':'a','args':['z']}]}}");
    }

    @Test
    void patchDeleteRemovesTheElementWithThatKey() {
        assertPatch("{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                "{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}",
                "{'spec':{'containers':[{'name':'b'}]}}");
    }

    @Test
    void patchReplaceInAListReplacesTheWholeList() {
        assertPatch("{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                "{'spec':{'containers':[{'name':'c'},{'$patch':'replace'}]}}",
                "{'spec':{'containers':[{'name':'c'}]}}");
    }

    @Test
    void replaceDirectiveInAListWithoutMergeStrategyIsNotAnElement() {
        assertPatch("{'spec':{'tolerations':[{'key':'a'}]}}", "{'spec':{'tolerations':[{'key':'b'},{'$patch':'replace'}]}}",
                "{'spec':{'tolerations':[{'key':'b'}]}}");
    }

    @Test
    void patchReplaceOnAMapReplacesTheMap() {
        assertPatch("{'metadata':{'labels':{'a':'1','b':'2'}}}",
                "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
                "{'metadata':{'labels':{'c':'3'}}}");
    }

    @Test
    void patchDeleteOnAMapClearsIt() {
        assertPatch("{'metadata':{'labels':{'a':'1'}},'spec':{'nodeSelector':{'x':'y'}}}",
                "{'spec':{'nodeSelector':{'$patch':'delete'}}}",
                "{'metadata':{'labels':{'a':'1'}},'spec':{'nodeSelector':{}}}");
    }

    @Test
    void nullDeletesMapKeys() {
        assertPatch("{'metadata':{'labels':{'a':'1','b':'2'}}}", "{'metadata':{'labels':{'a':null,'c':'3'}}}",
                "{'metadata':{'labels':{'b':'2','c':'3'}}}");
    }

    @Test
    void setElementOrderReordersMergedElements() {
        assertPatch("{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}",
                "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'},{'name':'b'}],"
                        + "'containers':[{'name':'a','image':'new'}]}}",
                "{'spec':{'containers':[{'name':'c'},{'name':'a','image':'new'},{'name':'b'}]}}");
    }

    @Test
    void setElementOrderAloneOnlyReorders() {
        assertPatch("{'spec':{'containers':[{'name':'a','env':[{'name':'X'},{'name':'Y'}]}]}}",
                "{'spec':{'containers':[{'name':'a','$setElementOrder/env':[{'name':'Y'},{'name':'X'}]}]}}",
                "{'spec':{'containers':[{'name':'a','env':[{'name':'Y'},{'name':'X'}]}]}}");
    }

    @Test
    void newElementsGoBeforeServerOnlyElementsLikeKubes() {
        assertPatch("{'metadata':{'ownerReferences':[{'uid':'1','name':'a'}]}}",
                "{'metadata':{'ownerReferences':[{'uid':'2','name':'b'}]}}",
                "{'metadata':{'ownerReferences':[{'uid':'2','name':'b'},{'uid':'1','name':'a'}]}}");
    }

    @Test
    void setElementOrderWithServerOnlyElementsSortsLikeKubes() {
        assertPatch("{'spec':{'containers':[{'name':'a'},{'name':'server'},{'name':'b'}]}}",
                "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'b','image':'x'}]}}",
                "{'spec':{'containers':[{'name':'b','image':'x'},{'name':'server'},{'name':'a'}]}}");
    }

    @Test
    void retainKeysDropsFieldsNotListed() {
        assertPatch("{'spec':{'volumes':[{'name':'v','emptyDir':{},'hostPath':{'path':'/x'}}]}}",
                "{'spec':{'volumes':[{'name':'v','$retainKeys':['name','configMap'],'configMap':{'name':'cm'}}]}}",
                "{'spec':{'volumes':[{'name':'v','configMap':{'name':'cm'}}]}}");
    }

    @Test
    void retainKeysMustListEveryPatchedField() {
        ApiException e = assertThrows(ApiException.class, () -> apply("{'spec':{'volumes':[{'name':'v'}]}}",
                "{'spec':{'volumes':[{'name':'v','$retainKeys':['name'],'configMap':{'name':'cm'}}]}}"));
        assertEquals(400, e.code());
    }

    @Test
    void primitiveListsWithMergeStrategyAreSets() {
        assertPatch("{'metadata':{'finalizers':['a','b']}}", "{'metadata':{'finalizers':['b','c']}}",
                "{'metadata':{'finalizers':['a','b','c']}}");
    }

    @Test
    void deleteFromPrimitiveList() {
        assertPatch("{'metadata':{'finalizers':['a','b','c']}}",
                "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
                "{'metadata':{'finalizers':['a','c']}}");
    }

    @Test
    void newElementsLoseTheirNullsAndDirectives() {
        assertPatch("{'spec':{}}", "{'spec':{'containers':[{'name':'a','image':null,'env':[{'name':'X','value':null}]}]}}",
                "{'spec':{'containers':[{'name':'a','env':[{'name':'X'}]}]}}");
    }

    @Test
    void ownerReferencesMergeByUid() {
        assertPatch("{'metadata':{'ownerReferences':[{'uid':'1','name':'a'},{'uid':'2','name':'b'}]}}",
                "{'metadata':{'ownerReferences':[{'uid':'2','name':'c'}]}}",
                "{'metadata':{'ownerReferences':[{'uid':'1','name':'a'},{'uid':'2','name':'c'}]}}");
    }

    @Test
    void elementsWithoutTheMergeKeyAreABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> apply("{'spec':{'containers':[{'name':'a'}]}}",
                "{'spec':{'containers':[{'image':'x'}]}}"));
        assertEquals(400, e.code());
    }

    @Test
    void unknownDirectiveIsABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> apply("{'metadata':{}}", "{'metadata':{'$patch':'explode'}}"));
        assertEquals(400, e.code());
    }

    private static void assertPatch(String original, String patch, String expected) {
        assertEquals(json(expected), apply(original, patch));
    }

    private static JsonNode apply(String original, String patch) {
        return PATCHER.apply(json(original), json(patch), POD);
    }

    static JsonNode json(String singleQuoted) {
        try {
            return ObjectCodec.JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
