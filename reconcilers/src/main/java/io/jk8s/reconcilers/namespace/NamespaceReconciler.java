package io.jk8s.reconcilers.namespace;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube's namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go):
 * for a namespace marked for deletion that still carries the {@code kubernetes} finalizer, delete
 * every namespaced resource that discovery offers with list and deletecollection, look again until
 * nothing is left (pods on nodes stop gracefully, finalizers may hold objects), report what remains
 * in the namespace's conditions, then remove the finalizer through {@code namespaces/finalize}, after
 * which the API server removes the namespace.
 */
public final class NamespaceReconciler implements Reconciler {

    static final String KUBERNETES_FINALIZER = "kubernetes";
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final Indexer<Namespace> namespaces;

    public NamespaceReconciler(KubernetesClient client, Indexer<Namespace> namespaces) {
        this.client = client;
        this.namespaces = namespaces;
    }

    @Override
    public Duration reconcile(String name) {
        Namespace ns = namespaces.getByKey(name);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() == null || !finalizers(ns).contains(KUBERNETES_FINALIZER)) {
            return null;
        }
        Remaining remaining = new Remaining();
        // discovery errors are not fatal (deletion/namespaced_resources_deleter.go): what was discovered is
        // deleted, but the namespace is not finalized while a group (an unavailable APIService's) stays unknown
        Map<String, String> failedGroups = new TreeMap<>();
        for (ResourceDefinitionContext resource : deletableResources(failedGroups)) {
            var resources = client.genericKubernetesResources(resource).inNamespace(name);
            if (!resources.list(new ListOptionsBuilder().withLimit(1L).build()).getItems().isEmpty()) {
                client.raw(collectionUrl(resource, name), "DELETE",
                        new DeleteOptionsBuilder().withPropagationPolicy("Background").build());
                resources.list().getItems().forEach(object -> remaining.add(resource, object));
            }
        }
        NamespaceConditions.update(client, name, remaining.resources, remaining.finalizers, failedGroups);
        if (!remaining.resources.isEmpty() || !failedGroups.isEmpty()) {
            return RECHECK;
        }
        finalizeNamespace(name);
        // look once more: a finalize that lost a race leaves the finalizer, and no event may follow
        return RECHECK;
    }

    /** ServerPreferredNamespacedResources filtered to those with list and deletecollection. */
    private List<ResourceDefinitionContext> deletableResources(Map<String, String> failedGroups) {
        List<ResourceDefinitionContext> resources = new ArrayList<>();
        addResources(resources, "", "v1");
        for (APIGroup group : client.getApiGroups().getGroups()) {
            String version = group.getPreferredVersion().getVersion();
            try {
                addResources(resources, group.getName(), version);
            } catch (KubernetesClientException e) {
                // client-go's words for a 503 without a Status body (what an unavailable APIService answers)
                failedGroups.put(group.getName() + "/" + version, e.getCode() == 503
                        ? "the server is currently unable to handle the request" : e.getMessage());
            }
        }
        return resources;
    }

    private void addResources(List<ResourceDefinitionContext> into, String group, String version) {
        for (APIResource resource : client.getApiResources(group.isEmpty() ? version : group + "/" + version).getResources()) {
            if (Boolean.TRUE.equals(resource.getNamespaced()) && !resource.getName().contains("/")
                    && resource.getVerbs().contains("list") && resource.getVerbs().contains("deletecollection")) {
                into.add(new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                        .withKind(resource.getKind()).withPlural(resource.getName()).withNamespaced(true).build());
            }
        }
    }

    /** DELETE on the collection: one request per resource, as the deleter's DeleteCollection. */
    private String collectionUrl(ResourceDefinitionContext resource, String namespace) {
        String base = resource.getGroup() == null || resource.getGroup().isEmpty()
                ? "api/" + resource.getVersion() : "apis/" + resource.getGroup() + "/" + resource.getVersion();
        return client.getMasterUrl() + base + "/namespaces/" + namespace + "/" + resource.getPlural();
    }

    /** Takes {@code kubernetes} out of spec.finalizers, keeping any others (a namespace may have more). */
    private void finalizeNamespace(String name) {
        Namespace current = client.namespaces().withName(name).get();
        if (current == null || !finalizers(current).contains(KUBERNETES_FINALIZER)) {
            return;
        }
        List<String> rest = finalizers(current).stream().filter(f -> !f.equals(KUBERNETES_FINALIZER)).toList();
        Namespace body = new NamespaceBuilder().withNewMetadata().withName(name)
                .withResourceVersion(current.getMetadata().getResourceVersion()).endMetadata()
                .withNewSpec().withFinalizers(rest).endSpec().build();
        client.raw(client.getMasterUrl() + "api/v1/namespaces/" + name + "/finalize", "PUT", body);
    }

    private static List<String> finalizers(Namespace ns) {
        return ns.getSpec() == null || ns.getSpec().getFinalizers() == null ? List.of() : ns.getSpec().getFinalizers();
    }

    /** What is left after a round of deletion: instances per resource, and per finalizer. */
    private static final class Remaining {
        final Map<String, Integer> resources = new TreeMap<>();
        final Map<String, Integer> finalizers = new TreeMap<>();

        void add(ResourceDefinitionContext resource, GenericKubernetesResource object) {
            String groupResource = resource.getGroup() == null || resource.getGroup().isEmpty()
                    ? resource.getPlural() : resource.getPlural() + "." + resource.getGroup();
            resources.merge(groupResource, 1, Integer::sum);
            List<String> held = object.getMetadata().getFinalizers();
            if (held != null) {
                held.forEach(f -> finalizers.merge(f, 1, Integer::sum));
            }
        }
    }
}
