package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.ComponentStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.jk8s.api.registry.apiextensions.CustomResourceDefinitionStrategy;
import io.jk8s.api.registry.admissionregistration.MutatingWebhookConfigurationStrategy;
import io.jk8s.api.registry.admissionregistration.ValidatingWebhookConfigurationStrategy;
import io.jk8s.api.registry.apps.ControllerRevisionStrategy;
import io.jk8s.api.registry.certificates.CertificateSigningRequestApproval;
import io.jk8s.api.registry.certificates.CertificateSigningRequestStrategy;
import io.jk8s.api.registry.authentication.SelfSubjectReviews;
import io.jk8s.api.registry.authentication.TokenRequests;
import io.jk8s.api.registry.authentication.TokenReviews;
import io.jk8s.api.registry.authorization.SelfSubjectAccessReviews;
import io.jk8s.api.registry.authorization.SelfSubjectRulesReviews;
import io.jk8s.api.registry.authorization.LocalSubjectAccessReviews;
import io.jk8s.api.registry.authorization.SubjectAccessReviews;
import io.jk8s.api.registry.apps.DaemonSetStrategy;
import io.jk8s.api.registry.apps.DeploymentStrategy;
import io.jk8s.api.registry.apps.ReplicaSetStrategy;
import io.jk8s.api.registry.apps.StatefulSetStrategy;
import io.jk8s.api.registry.autoscaling.HorizontalPodAutoscalerConversion;
import io.jk8s.api.registry.autoscaling.HorizontalPodAutoscalerStrategy;
import io.jk8s.api.registry.autoscaling.HorizontalPodAutoscalerV1Strategy;
import io.jk8s.api.registry.batch.CronJobStrategy;
import io.jk8s.api.registry.batch.JobStrategy;
import io.jk8s.api.registry.coordination.LeaseStrategy;
import io.jk8s.api.registry.core.ComponentStatuses;
import io.jk8s.api.registry.core.ConfigMapStrategy;
import io.jk8s.api.registry.core.ConnectSubresources;
import io.jk8s.api.registry.core.EndpointsStrategy;
import io.jk8s.api.registry.core.EventStrategy;
import io.jk8s.api.registry.core.NamespaceStrategy;
import io.jk8s.api.registry.core.NodeStrategy;
import io.jk8s.api.registry.core.PersistentVolumeClaimStrategy;
import io.jk8s.api.registry.core.PodEphemeralContainers;
import io.jk8s.api.registry.core.PersistentVolumeStrategy;
import io.jk8s.api.registry.core.PodStrategy;
import io.jk8s.api.registry.core.PodTemplateStrategy;
import io.jk8s.api.registry.core.ReplicationControllerStrategy;
import io.jk8s.api.registry.core.ResourceQuotaStrategy;
import io.jk8s.api.registry.core.SecretStrategy;
import io.jk8s.api.registry.core.ServiceAccountStrategy;
import io.jk8s.api.registry.core.ServiceStrategy;
import io.jk8s.api.registry.discovery.EndpointSliceStrategy;
import io.jk8s.api.registry.events.EventConversion;
import io.jk8s.api.registry.networking.IngressClassStrategy;
import io.jk8s.api.registry.networking.IngressStrategy;
import io.jk8s.api.registry.networking.NetworkPolicyStrategy;
import io.jk8s.api.registry.node.RuntimeClassStrategy;
import io.jk8s.api.registry.apiregistration.APIServiceStrategy;
import io.fabric8.kubernetes.api.model.APIService;
import io.jk8s.api.registry.policy.PodDisruptionBudgetStrategy;
import io.jk8s.api.registry.scheduling.PriorityClassStrategy;
import io.jk8s.api.registry.storage.CSIDriverStrategy;
import io.jk8s.api.registry.storage.CSINodeStrategy;
import io.jk8s.api.registry.storage.CSIStorageCapacityStrategy;
import io.jk8s.api.registry.storage.StorageClassStrategy;
import io.jk8s.api.registry.storage.VolumeAttachmentStrategy;
import io.jk8s.api.registry.rbac.ClusterRoleBindingStrategy;
import io.jk8s.api.registry.rbac.ClusterRoleStrategy;
import io.jk8s.api.registry.rbac.RoleBindingStrategy;
import io.jk8s.api.registry.rbac.RoleStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources this server serves, declared once. Routing, discovery (plain and aggregated) and
 * storage all read this table, so they cannot disagree. Adding a resource is one entry here plus,
 * if it has special rules, a strategy.
 */
public final class ResourceTable {

    private final List<ResourceType<?>> types;
    private final Map<String, ResourceType<?>> byGroupVersionResource = new LinkedHashMap<>();
    /** The rows of custom resources, replaced as a whole whenever the set of CustomResourceDefinitions changes. */
    private volatile Rows custom = new Rows(List.of());

    public ResourceTable(List<ResourceType<?>> types) {
        this.types = List.copyOf(types);
        for (ResourceType<?> type : types) {
            byGroupVersionResource.put(gvr(type.group(), type.version(), type.plural()), type);
        }
    }

    /** A snapshot of custom rows with their index, swapped in one write so readers never see half of it. */
    private record Rows(List<ResourceType<?>> types, Map<String, ResourceType<?>> index) {
        Rows(List<ResourceType<?>> types) {
            this(List.copyOf(types), index(types));
        }

        private static Map<String, ResourceType<?>> index(List<ResourceType<?>> types) {
            Map<String, ResourceType<?>> index = new LinkedHashMap<>();
            types.forEach(t -> index.put(gvr(t.group(), t.version(), t.plural()), t));
            return index;
        }
    }

    /**
     * The built-in Kubernetes resources served so far, in kube's discovery order (alphabetical per
     * group version), with kube's short names, categories and subresources.
     */
    public static ResourceTable builtIn() {
        ComponentStatuses componentStatuses = new ComponentStatuses();
        return new ResourceTable(List.of(
                // core/v1 (componentstatuses: probed on each request, never stored)
                ResourceType.readOnly("", "v1", "ComponentStatus", "componentstatuses", ComponentStatus.class,
                        componentStatuses, componentStatuses).shortNames("cs"),
                ResourceType.of("", "v1", "ConfigMap", "configmaps", ConfigMap.class, new ConfigMapStrategy())
                        .shortNames("cm"),
                ResourceType.of("", "v1", "Endpoints", "endpoints", Endpoints.class, new EndpointsStrategy())
                        .shortNames("ep"),
                ResourceType.of("", "v1", "Event", "events", Event.class, new EventStrategy()).shortNames("ev"),
                ResourceType.of("", "v1", "LimitRange", "limitranges", LimitRange.class, new Strategy<LimitRange>() {})
                        .shortNames("limits"),
                ResourceType.of("", "v1", "Namespace", "namespaces", Namespace.class, new NamespaceStrategy())
                        .clusterScoped().shortNames("ns").withSubresource(Subresource.namespaceFinalize()).withStatus(),
                ResourceType.of("", "v1", "Node", "nodes", Node.class, new NodeStrategy())
                        .clusterScoped().shortNames("no").withSubresource(ConnectSubresources.NODE_PROXY).withStatus(),
                ResourceType.of("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", PersistentVolumeClaim.class,
                        new PersistentVolumeClaimStrategy()).shortNames("pvc").withStatus(),
                ResourceType.of("", "v1", "PersistentVolume", "persistentvolumes", PersistentVolume.class,
                        new PersistentVolumeStrategy()).clusterScoped().shortNames("pv").withStatus(),
                ResourceType.of("", "v1", "Pod", "pods", Pod.class, new PodStrategy())
                        .shortNames("po").categories("all").withSubresource(ConnectSubresources.POD_ATTACH)
                        .withSubresource(Subresource.binding()).withSubresource(PodEphemeralContainers.SUBRESOURCE)
                        .withSubresource(ConnectSubresources.POD_EXEC)
                        .withSubresource(ConnectSubresources.POD_LOG).withSubresource(ConnectSubresources.POD_PORTFORWARD)
                        .withSubresource(ConnectSubresources.POD_PROXY).withStatus(),
                ResourceType.of("", "v1", "PodTemplate", "podtemplates", PodTemplate.class, new PodTemplateStrategy()),
                ResourceType.of("", "v1", "ReplicationController", "replicationcontrollers", ReplicationController.class,
                        new ReplicationControllerStrategy()).shortNames("rc").categories("all")
                        .withSubresource(Subresource.scale()).withStatus(),
                ResourceType.of("", "v1", "ResourceQuota", "resourcequotas", ResourceQuota.class, new ResourceQuotaStrategy())
                        .shortNames("quota").withStatus(),
                ResourceType.of("", "v1", "Secret", "secrets", Secret.class, new SecretStrategy()),
                ResourceType.of("", "v1", "ServiceAccount", "serviceaccounts", ServiceAccount.class,
                        new ServiceAccountStrategy()).shortNames("sa").withSubresource(TokenRequests.SUBRESOURCE),
                ResourceType.of("", "v1", "Service", "services", Service.class, new ServiceStrategy())
                        .shortNames("svc").categories("all").withSubresource(ConnectSubresources.SERVICE_PROXY).withStatus(),
                // apiregistration.k8s.io/v1 (the aggregator lists its own group first)
                ResourceType.of(APIServiceStrategy.GROUP, "v1", "APIService", "apiservices", APIService.class,
                        new APIServiceStrategy()).clusterScoped().categories("api-extensions").withStatus(),
                // apps/v1
                ResourceType.of("apps", "v1", "ControllerRevision", "controllerrevisions", ControllerRevision.class,
                        new ControllerRevisionStrategy()),
                ResourceType.of("apps", "v1", "DaemonSet", "daemonsets", DaemonSet.class, new DaemonSetStrategy())
                        .shortNames("ds").categories("all").withStatus(),
                ResourceType.of("apps", "v1", "Deployment", "deployments", Deployment.class, new DeploymentStrategy())
                        .shortNames("deploy").categories("all").withSubresource(Subresource.scale()).withStatus(),
                ResourceType.of("apps", "v1", "ReplicaSet", "replicasets", ReplicaSet.class, new ReplicaSetStrategy())
                        .shortNames("rs").categories("all").withSubresource(Subresource.scale()).withStatus(),
                ResourceType.of("apps", "v1", "StatefulSet", "statefulsets", StatefulSet.class, new StatefulSetStrategy())
                        .shortNames("sts").categories("all").withSubresource(Subresource.scale()).withStatus(),
                // events.k8s.io/v1 (kube lists groups by priority, not by name)
                ResourceType.of("events.k8s.io", "v1", "Event", "events",
                        io.fabric8.kubernetes.api.model.events.v1.Event.class,
                        new io.jk8s.api.registry.events.EventStrategy()).shortNames("ev")
                        .storedAs("", "events", new EventConversion()),
                // authentication.k8s.io/v1, authorization.k8s.io/v1: answered, never stored
                ResourceType.createOnly("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews",
                        SelfSubjectReview.class, new SelfSubjectReviews()),
                tokenReviews(),
                accessReview("SelfSubjectAccessReview", SelfSubjectAccessReview.class, new SelfSubjectAccessReviews()),
                accessReview("SelfSubjectRulesReview", SelfSubjectRulesReview.class, new SelfSubjectRulesReviews()),
                accessReview("SubjectAccessReview", SubjectAccessReview.class, new SubjectAccessReviews()),
                accessReview("LocalSubjectAccessReview", LocalSubjectAccessReview.class, new LocalSubjectAccessReviews())
                        .namespaceScoped(),
                // autoscaling/v2 (preferred and stored), autoscaling/v1
                ResourceType.of("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers",
                        io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
                        new HorizontalPodAutoscalerStrategy()).shortNames("hpa").categories("all").withStatus(),
                ResourceType.of("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers",
                        io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class,
                        new HorizontalPodAutoscalerV1Strategy()).shortNames("hpa").categories("all").withStatus()
                        .storedAs("autoscaling", "horizontalpodautoscalers", new HorizontalPodAutoscalerConversion()),
                // batch/v1
                ResourceType.of("batch", "v1", "CronJob", "cronjobs", CronJob.class, new CronJobStrategy())
                        .shortNames("cj").categories("all").withStatus(),
                ResourceType.of("batch", "v1", "Job", "jobs", Job.class, new JobStrategy()).categories("all").withStatus(),
                // networking.k8s.io/v1 (ingresses are not in "all": kubectl get all never listed them)
                ResourceType.of("networking.k8s.io", "v1", "IngressClass", "ingressclasses", IngressClass.class,
                        new IngressClassStrategy()).clusterScoped(),
                ResourceType.of("networking.k8s.io", "v1", "Ingress", "ingresses", Ingress.class, new IngressStrategy())
                        .shortNames("ing").withStatus(),
                ResourceType.of("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", NetworkPolicy.class,
                        new NetworkPolicyStrategy()).shortNames("netpol"),
                // policy/v1
                ResourceType.of("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", PodDisruptionBudget.class,
                        new PodDisruptionBudgetStrategy()).shortNames("pdb").withStatus(),
                // rbac.authorization.k8s.io/v1: stored and validated, not enforced (no short names upstream)
                ResourceType.of("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings",
                        ClusterRoleBinding.class, new ClusterRoleBindingStrategy()).clusterScoped(),
                ResourceType.of("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", ClusterRole.class,
                        new ClusterRoleStrategy()).clusterScoped(),
                ResourceType.of("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", RoleBinding.class,
                        new RoleBindingStrategy()),
                ResourceType.of("rbac.authorization.k8s.io", "v1", "Role", "roles", Role.class, new RoleStrategy()),
                // storage.k8s.io/v1
                ResourceType.of("storage.k8s.io", "v1", "CSIDriver", "csidrivers", CSIDriver.class, new CSIDriverStrategy())
                        .clusterScoped(),
                ResourceType.of("storage.k8s.io", "v1", "CSINode", "csinodes", CSINode.class, new CSINodeStrategy())
                        .clusterScoped(),
                ResourceType.of("storage.k8s.io", "v1", "CSIStorageCapacity", "csistoragecapacities", CSIStorageCapacity.class,
                        new CSIStorageCapacityStrategy()),
                ResourceType.of("storage.k8s.io", "v1", "StorageClass", "storageclasses", StorageClass.class,
                        new StorageClassStrategy()).clusterScoped().shortNames("sc"),
                ResourceType.of("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", VolumeAttachment.class,
                        new VolumeAttachmentStrategy()).clusterScoped().withStatus(),
                // apiextensions.k8s.io/v1: the custom resources each definition declares are rows added at run time
                ResourceType.of("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
                        CustomResourceDefinition.class, new CustomResourceDefinitionStrategy()).clusterScoped()
                        .shortNames("crd", "crds").categories("api-extensions").withStatus(),
                // scheduling.k8s.io/v1
                ResourceType.of("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", PriorityClass.class,
                        new PriorityClassStrategy()).clusterScoped().shortNames("pc"),
                // admissionregistration.k8s.io/v1: stored and validated; the webhooks are not called yet
                ResourceType.of("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
                        "mutatingwebhookconfigurations", MutatingWebhookConfiguration.class,
                        new MutatingWebhookConfigurationStrategy()).clusterScoped().categories("api-extensions"),
                ResourceType.of("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
                        "validatingwebhookconfigurations", ValidatingWebhookConfiguration.class,
                        new ValidatingWebhookConfigurationStrategy()).clusterScoped().categories("api-extensions"),
                // certificates.k8s.io/v1 (signed by the csrsigning controller; nothing approves automatically)
                ResourceType.of("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests",
                        CertificateSigningRequest.class, new CertificateSigningRequestStrategy()).clusterScoped().shortNames("csr")
                        .withSubresource(CertificateSigningRequestApproval.SUBRESOURCE).withStatus(),
                // coordination.k8s.io/v1, node.k8s.io/v1, discovery.k8s.io/v1
                ResourceType.of("coordination.k8s.io", "v1", "Lease", "leases", Lease.class, new LeaseStrategy()),
                ResourceType.of("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", RuntimeClass.class,
                        new RuntimeClassStrategy()).clusterScoped(),
                ResourceType.of("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", EndpointSlice.class,
                        new EndpointSliceStrategy())));
    }

    /** An authorization.k8s.io review: answered by {@code review}, which is also attached to the registry for the policy it reads. */
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata, R extends CreateOnlyResource<T> & Strategy<T>> ResourceType<T> accessReview(
            String kind, Class<T> modelClass, R review) {
        return ResourceType.createOnly("authorization.k8s.io", "v1", kind, kind.toLowerCase(java.util.Locale.ROOT) + "s",
                modelClass, review, review);
    }

    private static ResourceType<TokenReview> tokenReviews() {
        TokenReviews reviews = new TokenReviews();
        return ResourceType.createOnly("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", TokenReview.class,
                reviews, reviews);
    }

    /** The built-in rows (what the OpenAPI schemas are derived from); custom resources are not among them. */
    public List<ResourceType<?>> all() {
        return types;
    }

    /** The built-in rows followed by the custom ones: everything served right now. */
    public List<ResourceType<?>> served() {
        List<ResourceType<?>> customTypes = custom.types();
        if (customTypes.isEmpty()) {
            return types;
        }
        List<ResourceType<?>> all = new java.util.ArrayList<>(types);
        all.addAll(customTypes);
        return all;
    }

    /** The custom resources served right now. */
    public List<ResourceType<?>> custom() {
        return custom.types();
    }

    /**
     * Replaces the custom rows (one per served version of each established CustomResourceDefinition).
     * A custom row never shadows a built-in one.
     */
    public void serveCustom(List<ResourceType<?>> rows) {
        custom = new Rows(rows.stream()
                .filter(t -> !byGroupVersionResource.containsKey(gvr(t.group(), t.version(), t.plural()))).toList());
    }

    public Optional<ResourceType<?>> find(String group, String version, String plural) {
        String key = gvr(group, version, plural);
        ResourceType<?> builtIn = byGroupVersionResource.get(key);
        return Optional.ofNullable(builtIn != null ? builtIn : custom.index().get(key));
    }

    /** Resources of one group version, in declaration order. */
    public List<ResourceType<?>> inGroupVersion(String group, String version) {
        return served().stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }

    /** Non-core groups, in declaration order, each with its versions in declaration order. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType<?> type : served()) {
            if (!type.group().isEmpty()) {
                List<String> versions = groups.computeIfAbsent(type.group(), g -> new java.util.ArrayList<>());
                if (!versions.contains(type.version())) {
                    versions.add(type.version());
                }
            }
        }
        return groups;
    }

    private static String gvr(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
