package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.PythonClient;
import io.jk8s.conformance.support.SimulatedCluster;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official Kubernetes Python client (kubernetes-client/python 22.6, Debian's python3-kubernetes)
 * configured from the kubeconfig as users do. Each test is a user's script; it prints what the user
 * would look at, one {@code label json} line per step. The client decodes every response into its
 * models and raises ValueError when a field its OpenAPI marks required is missing, so a script that
 * runs at all already checks the wire format of every object it reads.
 */
class PythonClientTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(1);

    static PythonClient python;

    private static final String PRELUDE = """
            import json, time
            from kubernetes import client, config, watch
            from kubernetes.client.rest import ApiException

            config.load_kube_config()
            core = client.CoreV1Api()
            apps = client.AppsV1Api()

            def show(label, value):
                print(label, json.dumps(value, sort_keys=True))

            def pod(name, labels):
                return client.V1Pod(metadata=client.V1ObjectMeta(name=name, labels=labels),
                                    spec=client.V1PodSpec(containers=[client.V1Container(name="app", image="nginx:1.27")]))

            def failure(call):
                try:
                    call()
                    return None
                except ApiException as e:
                    body = json.loads(e.body)
                    return [e.status, e.reason, body["kind"], body["reason"], body["code"], body["message"]]

            """;

    @BeforeAll
    static void client() throws Exception {
        PythonClient.requireInstalled();
        python = new PythonClient(cluster.server().kubeconfig(), Files.createTempDirectory("jk8s-python-home-"));
    }

    @Test
    void discoveryAndVersion() {
        List<String> out = script("""
                show("version", client.VersionApi().get_code().git_version.startswith("v1."))
                show("core", client.CoreApi().get_api_versions().versions)
                show("groups", "apps" in [g.name for g in client.ApisApi().get_api_versions().groups])
                show("apps", client.AppsApi().get_api_group().preferred_version.group_version)
                show("apps/v1", sorted(r.name for r in apps.get_api_resources().resources if "/" not in r.name))
                show("v1 pods", [r.kind for r in core.get_api_resources().resources if r.name == "pods"])
                # every served group version decodes as the client's APIResourceList (required: kind, name, singularName...)
                resource_lists = [client.ApiClient().call_api("/apis/" + v.group_version + "/", "GET", response_type="V1APIResourceList",
                        _return_http_data_only=True) for g in client.ApisApi().get_api_versions().groups for v in g.versions]
                show("group versions without resources", [r.group_version for r in resource_lists if not r.resources])
                # the dynamic client (what Ansible's kubernetes.core uses) finds its resources through discovery
                from kubernetes import dynamic
                deployments = dynamic.DynamicClient(client.ApiClient()).resources.get(api_version="apps/v1", kind="Deployment")
                show("dynamic", [deployments.name, deployments.namespaced, len(deployments.get(namespace="kube-system").items)])
                """);
        assertEquals(List.of("version true", "core [\"v1\"]", "groups true", "apps \"apps/v1\"",
                "apps/v1 [\"controllerrevisions\", \"daemonsets\", \"deployments\", \"replicasets\", \"statefulsets\"]",
                "v1 pods [\"Pod\"]", "group versions without resources []", "dynamic [\"deployments\", true, 0]"), out);
    }

    @Test
    void listsWithSelectorsAndEveryContinuePage() {
        List<String> out = script("""
                show("namespaces", sorted(n.metadata.name for n in core.list_namespace().items))
                core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="listed")))
                for name, app in [("a", "web"), ("b", "db"), ("c", "web"), ("d", "web"), ("e", "db")]:
                    core.create_namespaced_pod("listed", pod(name, {"app": app}))
                show("web", [p.metadata.name for p in core.list_namespaced_pod("listed", label_selector="app=web").items])
                show("not web", [p.metadata.name for p in core.list_namespaced_pod("listed", label_selector="app!=web").items])
                show("named b", [p.metadata.name for p in core.list_namespaced_pod("listed", field_selector="metadata.name=b").items])
                first = core.list_namespaced_pod("listed", limit=2)
                show("first page", [len(first.items), first.metadata.remaining_item_count])
                pages, token = [], None
                while True:
                    page = core.list_namespaced_pod("listed", limit=2, _continue=token)
                    pages.append([p.metadata.name for p in page.items])
                    token = page.metadata._continue
                    if not token:
                        break
                show("pages", pages)
                show("everywhere", "e" in [p.metadata.name for p in core.list_pod_for_all_namespaces().items])
                """);
        assertTrue(out.get(0).matches("namespaces \\[\"default\", \"kube-node-lease\", \"kube-public\", \"kube-system\".*\\]"), out.get(0));
        assertEquals(List.of("web [\"a\", \"c\", \"d\"]", "not web [\"b\", \"e\"]", "named b [\"b\"]", "first page [2, 3]",
                "pages [[\"a\", \"b\"], [\"c\", \"d\"], [\"e\"]]", "everywhere true"), out.subList(1, out.size()));
    }

    @Test
    void createReadReplacePatchAndDelete() {
        List<String> out = script("""
                cm = core.create_namespaced_config_map("default",
                        client.V1ConfigMap(metadata=client.V1ObjectMeta(name="settings"), data={"mode": "fast"}))
                read = core.read_namespaced_config_map("settings", "default")
                show("created", [cm.metadata.name, cm.metadata.uid == read.metadata.uid, read.data])
                read.data["mode"] = "safe"
                show("replaced", core.replace_namespaced_config_map("settings", "default", read).data)
                show("merge patch", core.patch_namespaced_config_map("settings", "default", {"data": {"extra": "1"}}).data)
                show("json patch", core.patch_namespaced_config_map("settings", "default",
                        [{"op": "remove", "path": "/data/mode"}]).data)
                deleted = core.delete_namespaced_config_map("settings", "default")
                show("deleted", [deleted.status, deleted.details.kind, deleted.details.name])

                created = core.create_namespaced_pod("default", pod("web", {"app": "web"}))
                show("pod defaults", [created.spec.dns_policy, created.spec.restart_policy,
                        created.spec.containers[0].image_pull_policy, created.status.phase])
                # a dict body is a strategic merge patch: containers merge by name
                patched = core.patch_namespaced_pod("web", "default",
                        {"metadata": {"labels": {"tier": "front"}}, "spec": {"containers": [{"name": "app", "image": "nginx:1.28"}]}})
                show("strategic", [patched.metadata.labels, [[c.name, c.image] for c in patched.spec.containers]])
                # a list body is a JSON patch
                patched = core.patch_namespaced_pod("web", "default", [{"op": "replace", "path": "/metadata/labels/tier", "value": "back"}])
                show("json patch pod", patched.metadata.labels)
                gone = core.delete_namespaced_pod("web", "default", grace_period_seconds=0)
                show("pod deleted", [type(gone).__name__, gone.metadata.name])

                svc = core.create_namespaced_service("default", client.V1Service(metadata=client.V1ObjectMeta(name="web"),
                        spec=client.V1ServiceSpec(selector={"app": "web"}, ports=[client.V1ServicePort(port=80, target_port=8080)])))
                show("service", [svc.spec.type, svc.spec.cluster_ip == svc.spec.cluster_i_ps[0], svc.spec.ports[0].protocol,
                        svc.spec.ports[0].target_port])
                svc.spec.ports[0].port = 81
                show("replaced service", core.replace_namespaced_service("web", "default", svc).spec.ports[0].port)
                core.delete_namespaced_service("web", "default")
                show("services", [s.metadata.name for s in core.list_namespaced_service("default").items])
                """);
        assertEquals(List.of(
                "created [\"settings\", true, {\"mode\": \"fast\"}]",
                "replaced {\"mode\": \"safe\"}",
                "merge patch {\"extra\": \"1\", \"mode\": \"safe\"}",
                "json patch {\"extra\": \"1\"}",
                "deleted [\"Success\", \"configmaps\", \"settings\"]",
                "pod defaults [\"ClusterFirst\", \"Always\", \"IfNotPresent\", \"Pending\"]",
                "strategic [{\"app\": \"web\", \"tier\": \"front\"}, [[\"app\", \"nginx:1.28\"]]]",
                "json patch pod {\"app\": \"web\", \"tier\": \"back\"}",
                "pod deleted [\"V1Pod\", \"web\"]",
                "service [\"ClusterIP\", true, \"TCP\", 8080]",
                "replaced service 81",
                "services [\"kubernetes\"]"), out);
    }

    @Test
    void deploymentScaledThroughItsScaleSubresource() {
        List<String> out = script("""
                template = client.V1PodTemplateSpec(metadata=client.V1ObjectMeta(labels={"app": "web"}),
                        spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx:1.27")]))
                selector = client.V1LabelSelector(match_labels={"app": "web"})
                apps.create_namespaced_deployment("default", client.V1Deployment(metadata=client.V1ObjectMeta(name="web"),
                        spec=client.V1DeploymentSpec(replicas=1, selector=selector, template=template)))
                scale = apps.patch_namespaced_deployment_scale("web", "default", {"spec": {"replicas": 3}})
                show("scale", [type(scale).__name__, scale.spec.replicas])
                deadline = time.time() + 60
                while True:
                    status = apps.read_namespaced_deployment_status("web", "default").status
                    if status.ready_replicas == 3 or time.time() > deadline:
                        break
                    time.sleep(0.5)
                show("status", [status.replicas, status.updated_replicas, status.ready_replicas, status.available_replicas,
                        sorted(c.type for c in status.conditions)])
                show("pods", len(core.list_namespaced_pod("default", label_selector="app=web").items))
                """);
        assertEquals(List.of("scale [\"V1Scale\", 3]", "status [3, 3, 3, 3, [\"Available\", \"Progressing\"]]", "pods 3"), out);
    }

    /** Objects whose status counts the client requires: before the fix, each create raised ValueError. */
    @Test
    void createdWorkloadsDecodeBeforeAnyControllerCounted() {
        List<String> out = script("""
                template = {"metadata": {"labels": {"app": "idle"}}, "spec": {"nodeSelector": {"no": "such-node"},
                        "containers": [{"name": "c", "image": "nginx:1.27"}]}}
                selector = {"matchLabels": {"app": "idle"}}
                rs = apps.create_namespaced_replica_set("default", {"metadata": {"name": "idle"},
                        "spec": {"replicas": 0, "selector": selector, "template": template}})
                show("replicaset", rs.status.replicas)
                sts = apps.create_namespaced_stateful_set("default", {"metadata": {"name": "idle"},
                        "spec": {"replicas": 0, "serviceName": "idle", "selector": selector, "template": template}})
                show("statefulset", [sts.status.replicas, sts.status.available_replicas])
                ds = apps.create_namespaced_daemon_set("default", {"metadata": {"name": "idle"},
                        "spec": {"selector": selector, "template": template}})
                show("daemonset", [ds.status.current_number_scheduled, ds.status.desired_number_scheduled,
                        ds.status.number_misscheduled, ds.status.number_ready])
                rc = core.create_namespaced_replication_controller("default", {"metadata": {"name": "idle"},
                        "spec": {"replicas": 0, "selector": {"app": "idle"}, "template": template}})
                show("replicationcontroller", rc.status.replicas)
                pdb = client.PolicyV1Api().create_namespaced_pod_disruption_budget("default", {"metadata": {"name": "idle"},
                        "spec": {"minAvailable": 1, "selector": selector}})
                show("poddisruptionbudget", [pdb.status.current_healthy, pdb.status.desired_healthy,
                        pdb.status.disruptions_allowed, pdb.status.expected_pods])
                hpa = client.AutoscalingV1Api().create_namespaced_horizontal_pod_autoscaler("default", {"metadata": {"name": "idle"},
                        "spec": {"maxReplicas": 3, "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "idle"}}})
                show("horizontalpodautoscaler", [hpa.status.current_replicas, hpa.status.desired_replicas])
                show("listed", [len(apps.list_namespaced_replica_set("default").items), len(apps.list_namespaced_daemon_set("default").items),
                        len(client.PolicyV1Api().list_namespaced_pod_disruption_budget("default").items),
                        len(client.AutoscalingV1Api().list_namespaced_horizontal_pod_autoscaler("default").items)])
                """);
        assertEquals(List.of("replicaset 0", "statefulset [0, 0]", "daemonset [0, 0, 0, 0]", "replicationcontroller 0",
                "poddisruptionbudget [0, 0, 0, 0]", "horizontalpodautoscaler [0, 0]", "listed [1, 1, 1, 1]"), out);
    }

    @Test
    void watchStreamsAddedModifiedDeletedInOrder() {
        List<String> out = script("""
                core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="watched")))
                since = core.list_namespaced_pod("watched").metadata.resource_version
                core.create_namespaced_pod("watched", pod("w", {"app": "w"}))
                core.patch_namespaced_pod("w", "watched", {"metadata": {"labels": {"step": "2"}}})
                core.delete_namespaced_pod("w", "watched", grace_period_seconds=0)
                stream = watch.Watch()
                events = []
                for event in stream.stream(core.list_namespaced_pod, "watched", resource_version=since, timeout_seconds=30):
                    events.append((event["type"], event["object"]))
                    if event["type"] == "DELETED":
                        stream.stop()
                # the scheduler and the kubelet modify the pod too: consecutive MODIFIED events read as one step
                show("types", [t for i, (t, _) in enumerate(events) if i == 0 or events[i - 1][0] != t])
                show("objects", sorted({type(o).__name__ + " " + o.metadata.name for _, o in events}))
                versions = [int(o.metadata.resource_version) for _, o in events]
                show("versions increase", versions == sorted(set(versions)))
                show("patch seen", any((o.metadata.labels or {}).get("step") == "2" for t, o in events if t == "MODIFIED"))
                started = time.time()
                quiet = list(watch.Watch().stream(core.list_namespaced_pod, "watched",
                        resource_version=stream.resource_version, timeout_seconds=2))
                show("quiet watch", [len(quiet), time.time() - started < 20])
                """);
        assertEquals(List.of("types [\"ADDED\", \"MODIFIED\", \"DELETED\"]", "objects [\"V1Pod w\"]", "versions increase true",
                "patch seen true", "quiet watch [0, true]"), out);
    }

    @Test
    void errorsCarryTheStatusBody() {
        List<String> out = script("""
                def cm(name, data=None):
                    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name), data=data)
                show("not found", failure(lambda: core.read_namespaced_pod("nope", "default")))
                core.create_namespaced_config_map("default", cm("taken", {"v": "1"}))
                show("already exists", failure(lambda: core.create_namespaced_config_map("default", cm("taken"))))
                stale = core.read_namespaced_config_map("taken", "default")
                core.patch_namespaced_config_map("taken", "default", {"data": {"v": "2"}})
                stale.data = {"v": "3"}
                show("conflict", failure(lambda: core.replace_namespaced_config_map("taken", "default", stale)))
                try:
                    core.create_namespaced_config_map("default", cm("Not_A_Name"))
                except ApiException as e:
                    body = json.loads(e.body)
                    show("invalid", [e.status, e.reason, body["reason"], body["details"]["kind"], body["details"]["name"],
                            [[c["reason"], c["field"]] for c in body["details"]["causes"]]])
                    show("invalid message", body["message"].startswith('ConfigMap "Not_A_Name" is invalid: metadata.name: Invalid value: '))
                """);
        assertEquals(List.of(
                "not found [404, \"Not Found\", \"Status\", \"NotFound\", 404, \"pods \\\"nope\\\" not found\"]",
                "already exists [409, \"Conflict\", \"Status\", \"AlreadyExists\", 409, \"configmaps \\\"taken\\\" already exists\"]",
                "conflict [409, \"Conflict\", \"Status\", \"Conflict\", 409, \"Operation cannot be fulfilled on configmaps \\\"taken\\\": "
                        + "the object has been modified; please apply your changes to the latest version and try again\"]",
                "invalid [422, \"Unprocessable Entity\", \"Invalid\", \"ConfigMap\", \"Not_A_Name\", [[\"FieldValueInvalid\", \"metadata.name\"]]]",
                "invalid message true"), out);
    }

    @Test
    void customObjectsOfADefinition() {
        List<String> out = script("""
                crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                       "metadata": {"name": "widgets.example.com"},
                       "spec": {"group": "example.com", "scope": "Namespaced",
                                "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
                                "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": {
                                    "type": "object", "properties": {"spec": {"type": "object",
                                    "properties": {"size": {"type": "integer"}}}}}}}]}}
                created = client.ApiextensionsV1Api().create_custom_resource_definition(crd)
                show("definition", [type(created).__name__, sorted(c.type for c in created.status.conditions or [])])
                custom = client.CustomObjectsApi()
                widget = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w1"}, "spec": {"size": 1}}
                made = custom.create_namespaced_custom_object("example.com", "v1", "default", "widgets", widget)
                show("created", [made["kind"], made["spec"], made["metadata"]["generation"]])
                patched = custom.patch_namespaced_custom_object("example.com", "v1", "default", "widgets", "w1", {"spec": {"size": 2}})
                show("patched", [patched["spec"], patched["metadata"]["generation"]])
                show("listed", [w["metadata"]["name"] for w in
                        custom.list_namespaced_custom_object("example.com", "v1", "default", "widgets")["items"]])
                widget["metadata"]["name"] = "w2"
                widget["spec"]["size"] = "big"
                show("invalid", failure(lambda: custom.create_namespaced_custom_object("example.com", "v1", "default", "widgets", widget))[:5])
                show("deleted", custom.delete_namespaced_custom_object("example.com", "v1", "default", "widgets", "w1")["status"])
                show("missing", failure(lambda: custom.get_namespaced_custom_object("example.com", "v1", "default", "widgets", "w1"))[:4])
                """);
        assertEquals(List.of(
                "definition [\"V1CustomResourceDefinition\", [\"Established\", \"NamesAccepted\"]]",
                "created [\"Widget\", {\"size\": 1}, 1]",
                "patched [{\"size\": 2}, 2]",
                "listed [\"w1\"]",
                "invalid [422, \"Unprocessable Entity\", \"Status\", \"Invalid\", 422]",
                "deleted \"Success\"",
                "missing [404, \"Not Found\", \"Status\", \"NotFound\"]"), out);
    }

    private static List<String> script(String steps) {
        return python.run(PRELUDE + steps).assertSuccess().lines();
    }
}
