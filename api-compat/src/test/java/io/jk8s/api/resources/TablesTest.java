package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The printer columns of the kinds that controllers and kubelets write rather than users: each
 * object is written as its writer would (over HTTP), then read the way a user would (kubectl get).
 */
class TablesTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void nodes() {
        create("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","labels":{"node-role.kubernetes.io/control-plane":""}},
                 "status":{"conditions":[{"type":"Ready","status":"True"}],
                           "addresses":[{"type":"InternalIP","address":"172.18.0.2"}],
                           "nodeInfo":{"kubeletVersion":"v1.32.4","osImage":"Debian GNU/Linux 12 (bookworm)",
                                       "kernelVersion":"6.1.0","containerRuntimeVersion":"docker://27.3.1",
                                       "machineID":"","systemUUID":"","bootID":"","kubeProxyVersion":"",
                                       "operatingSystem":"linux","architecture":"amd64"}}}""");
        assertTable(List.of("nodes"), "NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION",
                "node-1\\s+Ready\\s+control-plane\\s+\\d+s\\s+v1.32.4");
        assertTable(List.of("nodes", "-o", "wide"), "NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION\\s+INTERNAL-IP\\s+EXTERNAL-IP\\s+"
                        + "OS-IMAGE\\s+KERNEL-VERSION\\s+CONTAINER-RUNTIME",
                "node-1\\s+Ready\\s+control-plane\\s+\\d+s\\s+v1.32.4\\s+172.18.0.2\\s+<none>\\s+Debian GNU/Linux 12 \\(bookworm\\)"
                        + "\\s+6.1.0\\s+docker://27.3.1");
    }

    @Test
    void leasesEndpointsAndSlices() {
        create("/apis/coordination.k8s.io/v1/namespaces/default/leases", """
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},
                 "spec":{"holderIdentity":"controller-1","leaseDurationSeconds":15}}""");
        assertTable(List.of("leases"), "NAME\\s+HOLDER\\s+AGE", "leader\\s+controller-1\\s+\\d+s");

        create("/api/v1/namespaces/default/endpoints", """
                {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web"},
                 "subsets":[{"addresses":[{"ip":"10.244.0.5"},{"ip":"10.244.0.6"},{"ip":"10.244.0.7"},{"ip":"10.244.0.8"}],
                             "ports":[{"port":8080,"protocol":"TCP"}]}]}""");
        assertTable(List.of("ep", "web"), "NAME\\s+ENDPOINTS\\s+AGE",
                "web\\s+10.244.0.5:8080,10.244.0.6:8080,10.244.0.7:8080 \\+ 1 more...\\s+\\d+s");

        create("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices", """
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abc"},"addressType":"IPv4",
                 "endpoints":[{"addresses":["10.244.0.5"]}],"ports":[{"port":8080,"protocol":"TCP"}]}""");
        assertTable(List.of("endpointslices"), "NAME\\s+ADDRESSTYPE\\s+PORTS\\s+ENDPOINTS\\s+AGE",
                "web-abc\\s+IPv4\\s+8080\\s+10.244.0.5\\s+\\d+s");
    }

    @Test
    void volumes() {
        create("/api/v1/persistentvolumes", """
                {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv-1"},
                 "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/data"},
                         "storageClassName":"manual"}}""");
        assertTable(List.of("pv"), "NAME\\s+CAPACITY\\s+ACCESS MODES\\s+RECLAIM POLICY\\s+STATUS\\s+CLAIM\\s+STORAGECLASS\\s+"
                + "VOLUMEATTRIBUTESCLASS\\s+REASON\\s+AGE", "pv-1\\s+1Gi\\s+RWO\\s+Retain\\s+Pending\\s+manual\\s+<unset>\\s+\\d+s");

        create("/api/v1/namespaces/default/persistentvolumeclaims", """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"claim"},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"manual"}}""");
        assertTable(List.of("pvc"), "NAME\\s+STATUS\\s+VOLUME\\s+CAPACITY\\s+ACCESS MODES\\s+STORAGECLASS\\s+"
                + "VOLUMEATTRIBUTESCLASS\\s+AGE", "claim\\s+Pending\\s+manual\\s+<unset>\\s+\\d+s");
    }

    @Test
    void replicationControllersRevisionsTemplatesAndBudgets() {
        create("/api/v1/namespaces/default/replicationcontrollers", """
                {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"rc"},
                 "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"rc"}},
                                                  "spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""");
        assertTable(List.of("rc", "-o", "wide"), "NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR",
                "rc\\s+2\\s+0\\s+0\\s+\\d+s\\s+c\\s+nginx\\s+app=rc");

        create("/apis/apps/v1/namespaces/default/controllerrevisions", """
                {"apiVersion":"apps/v1","kind":"ControllerRevision","revision":3,
                 "metadata":{"name":"web-7d4b9c","ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet",
                             "name":"web","uid":"u-1","controller":true}]}}""");
        assertTable(List.of("controllerrevisions"), "NAME\\s+CONTROLLER\\s+REVISION\\s+AGE",
                "web-7d4b9c\\s+statefulset.apps/web\\s+3\\s+\\d+s");

        create("/api/v1/namespaces/default/podtemplates", """
                {"apiVersion":"v1","kind":"PodTemplate","metadata":{"name":"tpl"},
                 "template":{"metadata":{"labels":{"app":"tpl"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}}""");
        assertTable(List.of("podtemplates"), "NAME\\s+CONTAINERS\\s+IMAGES\\s+POD LABELS", "tpl\\s+c\\s+busybox\\s+app=tpl");

        create("/apis/policy/v1/namespaces/default/poddisruptionbudgets", """
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"budget"},
                 "spec":{"maxUnavailable":"50%","selector":{"matchLabels":{"app":"rc"}}}}""");
        assertTable(List.of("pdb"), "NAME\\s+MIN AVAILABLE\\s+MAX UNAVAILABLE\\s+ALLOWED DISRUPTIONS\\s+AGE",
                "budget\\s+N/A\\s+50%\\s+0\\s+\\d+s");
    }

    @Test
    void limitRangesAndQuotas() {
        create("/api/v1/namespaces/default/limitranges", """
                {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"limits"},
                 "spec":{"limits":[{"type":"Container","default":{"cpu":"500m"}}]}}""");
        assertTable(List.of("limits"), "NAME\\s+CREATED AT", "limits\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        create("/api/v1/namespaces/default/resourcequotas", """
                {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"quota"},"spec":{"hard":{"pods":"10"}}}""");
        assertTable(List.of("quota"), "NAME\\s+AGE\\s+REQUEST\\s+LIMIT", "quota\\s+\\d+s\\s*");
    }

    private static void create(String path, String body) {
        HttpResponse<String> response = api.server().send("POST", path, null, body);
        assertEquals(201, response.statusCode(), response.body());
    }

    private static void assertTable(List<String> args, String header, String row) {
        List<String> command = new java.util.ArrayList<>(List.of("get"));
        command.addAll(args);
        List<String> lines = api.kubectl().run(command.toArray(String[]::new)).assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches(header), lines.toString());
        assertTrue(lines.stream().skip(1).anyMatch(l -> l.matches(row)), row + " not in " + lines);
    }
}
