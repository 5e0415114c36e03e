package io.jk8s.api.resources;

import static io.jk8s.api.testing.OutputLines.assertLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** storage.k8s.io/v1 and the DefaultStorageClass admission plugin, as kubectl users meet them. */
class StorageTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void storageClassesAreDefaultedAndPrinted() {
        create("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: slow}
                provisioner: example.com/disk
                parameters: {type: hdd}
                """);
        assertEquals("Delete Immediate", jsonpath("sc", "slow", "{.reclaimPolicy} {.volumeBindingMode}"));
        create("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: local}
                provisioner: kubernetes.io/no-provisioner
                reclaimPolicy: Retain
                volumeBindingMode: WaitForFirstConsumer
                allowVolumeExpansion: true
                """);
        assertLines(api.kubectl().run("get", "sc", "local", "slow").assertSuccess().out().lines().toList(),
                "NAME\\s+PROVISIONER\\s+RECLAIMPOLICY\\s+VOLUMEBINDINGMODE\\s+ALLOWVOLUMEEXPANSION\\s+AGE",
                "local\\s+kubernetes.io/no-provisioner\\s+Retain\\s+WaitForFirstConsumer\\s+true\\s+\\d+s",
                "slow\\s+example.com/disk\\s+Delete\\s+Immediate\\s+false\\s+\\d+s");
    }

    @Test
    void claimsWithoutAClassGetTheDefaultOne() {
        create(claim("before", ""));
        assertEquals("", jsonpath("pvc", "before", "{.spec.storageClassName}"));

        create("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: standard
                  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
                provisioner: rancher.io/local-path
                """);
        try {
            assertLines(api.kubectl().run("get", "sc", "standard").assertSuccess().out().lines().toList(),
                    "NAME\\s+PROVISIONER\\s+RECLAIMPOLICY\\s+VOLUMEBINDINGMODE\\s+ALLOWVOLUMEEXPANSION\\s+AGE",
                    "standard \\(default\\)\\s+rancher.io/local-path\\s+Delete\\s+Immediate\\s+false\\s+\\d+s");
            assertEquals("""
                    Name:                  standard
                    IsDefaultClass:        Yes
                    Annotations:           storageclass.kubernetes.io/is-default-class=true
                    Provisioner:           rancher.io/local-path
                    Parameters:            <none>
                    AllowVolumeExpansion:  <unset>
                    MountOptions:          <none>
                    ReclaimPolicy:         Delete
                    VolumeBindingMode:     Immediate
                    Events:                <none>
                    """, api.kubectl().run("describe", "sc", "standard").assertSuccess().out());
            create(claim("data", ""));
            assertEquals("standard", jsonpath("pvc", "data", "{.spec.storageClassName}"));
            assertLines(api.kubectl().run("get", "pvc", "data").assertSuccess().out().lines().toList(),
                    "NAME\\s+STATUS\\s+VOLUME\\s+CAPACITY\\s+ACCESS MODES\\s+STORAGECLASS\\s+VOLUMEATTRIBUTESCLASS\\s+AGE",
                    "data\\s+Pending\\s+standard\\s+<unset>\\s+\\d+s");
            create(claim("static", "storageClassName: \"\""));
            assertEquals("", jsonpath("pvc", "static", "{.spec.storageClassName}"));
            create(claim("chosen", "storageClassName: slow"));
            assertEquals("slow", jsonpath("pvc", "chosen", "{.spec.storageClassName}"));
        } finally {
            api.kubectl().run("delete", "sc", "standard").assertSuccess();
        }
    }

    @Test
    void invalidStorageClassesAreRefusedWithKubesMessages() {
        assertEquals("The StorageClass \"broken\" is invalid: \n* provisioner: Required value\n"
                + "* reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"\n", refusal("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: broken}
                reclaimPolicy: Recycle
                """));
        assertEquals("The StorageClass \"binding\" is invalid: volumeBindingMode: Unsupported value: \"Later\": supported "
                + "values: \"Immediate\", \"WaitForFirstConsumer\"\n", refusal("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: binding}
                provisioner: example.com/disk
                volumeBindingMode: Later
                """));
        create("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: fixed}
                provisioner: example.com/disk
                parameters: {type: ssd}
                """);
        assertEquals("The StorageClass \"fixed\" is invalid: parameters: Forbidden: updates to parameters are forbidden.\n",
                api.kubectl().run("patch", "sc", "fixed", "-p", "{\"parameters\":{\"type\":\"nvme\"}}").err());
        assertEquals("The StorageClass \"fixed\" is invalid: \n* provisioner: Forbidden: updates to provisioner are forbidden.\n"
                + "* reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.\n", api.kubectl().run("patch", "sc",
                "fixed", "-p", "{\"provisioner\":\"example.com/other\",\"reclaimPolicy\":\"Retain\"}").err());
        assertEquals("The StorageClass \"fixed\" is invalid: volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": "
                + "field is immutable\n", api.kubectl().run("patch", "sc", "fixed", "-p",
                "{\"volumeBindingMode\":\"WaitForFirstConsumer\"}").err());
        assertEquals("storageclass.storage.k8s.io/fixed patched\n",
                api.kubectl().run("patch", "sc", "fixed", "-p", "{\"allowVolumeExpansion\":true}").assertSuccess().out());
    }

    @Test
    void csiDriversAndNodesAreDefaultedAndPrinted() {
        create("""
                apiVersion: storage.k8s.io/v1
                kind: CSIDriver
                metadata: {name: hostpath.csi.k8s.io}
                spec: {}
                """);
        assertEquals("true false false ReadWriteOnceWithFSType [\"Persistent\"] false false 1", jsonpath("csidriver",
                "hostpath.csi.k8s.io", "{.spec.attachRequired} {.spec.podInfoOnMount} {.spec.storageCapacity} "
                        + "{.spec.fsGroupPolicy} {.spec.volumeLifecycleModes} {.spec.requiresRepublish} {.spec.seLinuxMount} "
                        + "{.metadata.generation}"));
        assertLines(api.kubectl().run("get", "csidrivers").assertSuccess().out().lines().toList(),
                "NAME\\s+ATTACHREQUIRED\\s+PODINFOONMOUNT\\s+STORAGECAPACITY\\s+TOKENREQUESTS\\s+REQUIRESREPUBLISH\\s+MODES\\s+AGE",
                "hostpath.csi.k8s.io\\s+true\\s+false\\s+false\\s+<unset>\\s+false\\s+Persistent\\s+\\d+s");
        assertEquals("The CSIDriver \"hostpath.csi.k8s.io\" is invalid: spec.attachedRequired: Invalid value: false: "
                + "field is immutable\n", api.kubectl().run("patch", "csidriver", "hostpath.csi.k8s.io", "-p",
                "{\"spec\":{\"attachRequired\":false}}").err());

        create("""
                apiVersion: storage.k8s.io/v1
                kind: CSINode
                metadata: {name: node-1}
                spec:
                  drivers:
                  - {name: hostpath.csi.k8s.io, nodeID: node-1, topologyKeys: [topology.hostpath.csi/node]}
                """);
        assertLines(api.kubectl().run("get", "csinodes").assertSuccess().out().lines().toList(),
                "NAME\\s+DRIVERS\\s+AGE", "node-1\\s+1\\s+\\d+s");
        assertEquals("The CSINode \"node-1\" is invalid: spec.drivers: Invalid value: storage.CSINodeDriver{Name:"
                + "\"hostpath.csi.k8s.io\", NodeID:\"node-1b\", TopologyKeys:[]string{\"topology.hostpath.csi/node\"}, "
                + "Allocatable:(*storage.VolumeNodeResources)(nil)}: field is immutable\n", api.kubectl().run("patch", "csinode",
                "node-1", "-p", "{\"spec\":{\"drivers\":[{\"name\":\"hostpath.csi.k8s.io\",\"nodeID\":\"node-1b\"}]}}").err());
        assertEquals("The CSINode \"node-2\" is invalid: spec.drivers[0].nodeID: Required value\n", refusal("""
                apiVersion: storage.k8s.io/v1
                kind: CSINode
                metadata: {name: node-2}
                spec:
                  drivers: [{name: hostpath.csi.k8s.io}]
                """));
    }

    @Test
    void volumeAttachmentsReportThroughStatus() {
        create("""
                apiVersion: storage.k8s.io/v1
                kind: VolumeAttachment
                metadata: {name: csi-0123}
                spec:
                  attacher: hostpath.csi.k8s.io
                  nodeName: node-1
                  source: {persistentVolumeName: pv-1}
                status: {attached: true}
                """);
        assertLines(api.kubectl().run("get", "volumeattachments").assertSuccess().out().lines().toList(),
                "NAME\\s+ATTACHER\\s+PV\\s+NODE\\s+ATTACHED\\s+AGE",
                "csi-0123\\s+hostpath.csi.k8s.io\\s+pv-1\\s+node-1\\s+false\\s+\\d+s");
        api.kubectl().run("patch", "volumeattachment", "csi-0123", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"attached\":true,\"attachmentMetadata\":{\"devicePath\":\"/dev/sdb\"}}}").assertSuccess();
        assertEquals("true /dev/sdb", jsonpath("volumeattachment", "csi-0123",
                "{.status.attached} {.status.attachmentMetadata.devicePath}"));
        assertTrue(api.kubectl().run("patch", "volumeattachment", "csi-0123", "-p", "{\"spec\":{\"nodeName\":\"node-2\"}}").err()
                .matches("The VolumeAttachment \"csi-0123\" is invalid: spec: Invalid value: storage.VolumeAttachmentSpec\\{"
                        + "Attacher:\"hostpath.csi.k8s.io\", Source:storage.VolumeAttachmentSource\\{PersistentVolumeName:\\(\\*string\\)"
                        + "\\(0x[0-9a-f]+\\), InlineVolumeSpec:\\(\\*core.PersistentVolumeSpec\\)\\(nil\\)\\}, NodeName:\"node-2\"\\}: "
                        + "field is immutable\n"));
        assertEquals("The VolumeAttachment \"nowhere\" is invalid: spec.source: Required value: must specify exactly one of "
                + "inlineVolumeSpec and persistentVolumeName\n", refusal("""
                apiVersion: storage.k8s.io/v1
                kind: VolumeAttachment
                metadata: {name: nowhere}
                spec: {attacher: hostpath.csi.k8s.io, nodeName: node-1, source: {}}
                """));
    }

    @Test
    void csiNodeDriversMergeByName() {
        create("""
                apiVersion: storage.k8s.io/v1
                kind: CSINode
                metadata: {name: node-9}
                spec:
                  drivers: [{name: a.csi.k8s.io, nodeID: n9}]
                """);
        api.kubectl().run("patch", "csinode", "node-9", "-p",
                "{\"spec\":{\"drivers\":[{\"name\":\"b.csi.k8s.io\",\"nodeID\":\"n9-b\"}]}}").assertSuccess();
        // merged by name, not replaced (the order is the strategic merge patcher's, tested on its own)
        assertEquals(List.of("a.csi.k8s.io", "b.csi.k8s.io"),
                Arrays.stream(jsonpath("csinode", "node-9", "{.spec.drivers[*].name}").split(" ")).sorted().toList());
        String explained = api.kubectl().run("explain", "csinode.spec.drivers").assertSuccess().out();
        assertTrue(explained.contains("  nodeID\t<string> -required-\n"), explained);
    }

    @Test
    void storageCapacitiesAreNamespacedAndPrintedWithoutAge() {
        api.kubectl().run("create", "namespace", "csi").assertSuccess();
        api.kubectl().runWithInput("""
                apiVersion: storage.k8s.io/v1
                kind: CSIStorageCapacity
                metadata: {name: csisc-zone-a, namespace: csi}
                storageClassName: standard
                nodeTopology: {matchLabels: {topology.kubernetes.io/zone: a}}
                capacity: 100Gi
                """, "create", "-f", "-").assertSuccess();
        assertLines(api.kubectl().run("get", "csistoragecapacities", "-n", "csi").assertSuccess().out().lines().toList(),
                "NAME\\s+STORAGECLASSNAME\\s+CAPACITY", "csisc-zone-a\\s+standard\\s+100Gi");
        assertEquals("The CSIStorageCapacity \"csisc-zone-a\" is invalid: storageClassName: Invalid value: \"fast\": field is "
                + "immutable\n", api.kubectl().run("patch", "csistoragecapacity", "csisc-zone-a", "-n", "csi", "-p",
                "{\"storageClassName\":\"fast\"}").err());
    }

    @Test
    void discovery() {
        assertLines(api.kubectl().run("api-resources", "--api-group=storage.k8s.io").assertSuccess().out().lines().toList(),
                "NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND",
                "csidrivers\\s+storage.k8s.io/v1\\s+false\\s+CSIDriver",
                "csinodes\\s+storage.k8s.io/v1\\s+false\\s+CSINode",
                "csistoragecapacities\\s+storage.k8s.io/v1\\s+true\\s+CSIStorageCapacity",
                "storageclasses\\s+sc\\s+storage.k8s.io/v1\\s+false\\s+StorageClass",
                "volumeattachments\\s+storage.k8s.io/v1\\s+false\\s+VolumeAttachment");
    }

    private static String claim(String name, String specLine) {
        return """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s}
                spec:
                  %s
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """.formatted(name, specLine);
    }

    private static String jsonpath(String resource, String name, String template) {
        return api.kubectl().run("get", resource, name, "-o", "jsonpath=" + template).assertSuccess().out();
    }

    private static void create(String manifest) {
        api.kubectl().runWithInput(manifest, "create", "-f", "-").assertSuccess();
    }

    private static String refusal(String manifest) {
        return api.kubectl().runWithInput(manifest, "create", "-f", "-").err();
    }
}
