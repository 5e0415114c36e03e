package io.jk8s.api.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kubernetes' schema names for fabric8 model classes. Fabric8 puts the core group and the
 * apimachinery meta types in one package; kube names them apart ({@code io.k8s.api.core.v1.Pod},
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}), and clients match on those names.
 */
public final class SchemaNames {

    public static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    public static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public static final String TIME = META + "Time";
    public static final String MICRO_TIME = META + "MicroTime";
    /** The body of a PATCH: any JSON, interpreted by its content type. */
    public static final String PATCH = META + "Patch";
    public static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
    /** The apiextensions types live in their own Go module, and kube names them after it. */
    private static final String APIEXTENSIONS = FABRIC8 + ".apiextensions.";
    /** kube-aggregator's types, which fabric8 also keeps in its core package; kube names them after their module. */
    private static final String APIREGISTRATION = "io.k8s.kube-aggregator.pkg.apis.apiregistration.";
    private static final Set<String> APIREGISTRATION_TYPES = Set.of("APIService", "APIServiceList", "APIServiceSpec",
            "APIServiceStatus", "APIServiceCondition", "ServiceReference");
    private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");
    /** apimachinery types that fabric8 keeps in its core package. */
    private static final Set<String> META_TYPES = Set.of("ObjectMeta", "ListMeta", "LabelSelector",
            "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry", "FieldsV1", "Status", "StatusDetails",
            "StatusCause", "DeleteOptions", "Preconditions", "Condition", "MicroTime", "Duration", "APIResource",
            "APIResourceList", "APIGroup", "APIGroupList", "APIVersions", "GroupVersionForDiscovery",
            "ServerAddressByClientCIDR", "WatchEvent", "Patch", "PartialObjectMetadata", "GroupVersionResource");

    private SchemaNames() {}

    /**
     * The schema of a kind by its API group, e.g. autoscaling/v1 Scale is
     * {@code io.k8s.api.autoscaling.v1.Scale}: the group's first label ("core" for ""), as fabric8's
     * packages (and so {@link #of}) name them.
     */
    public static String forKind(String group, String version, String kind) {
        if (group.equals("apiextensions.k8s.io")) {
            return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + version + "." + kind;
        }
        if (group.equals("apiregistration.k8s.io")) {
            return APIREGISTRATION + version + "." + kind;
        }
        return "io.k8s.api." + (group.isEmpty() ? "core" : group.split("\\.")[0]) + "." + version + "." + kind;
    }

    /**
     * A custom resource's schema name: its group reversed, then version and kind, e.g.
     * {@code com.example.stable.v1.CronTab} (apiextensions-apiserver's builder, gvkToModelName).
     */
    public static String forCustomKind(String group, String version, String kind) {
        List<String> labels = new ArrayList<>(List.of(group.split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels) + "." + version + "." + kind;
    }

    public static String of(Class<?> type) {
        String simple = type.getSimpleName();
        String pkg = type.getPackageName();
        if (pkg.equals(FABRIC8)) {
            return switch (simple) {
                case "Quantity" -> QUANTITY;
                case "IntOrString" -> INT_OR_STRING;
                case "RawExtension", "KubernetesResource" -> RAW_EXTENSION;
                default -> (META_TYPES.contains(simple) ? META
                        : APIREGISTRATION_TYPES.contains(simple) ? APIREGISTRATION + "v1." : "io.k8s.api.core.v1.") + simple;
            };
        }
        if (pkg.startsWith(APIEXTENSIONS)) {
            return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + pkg.substring(APIEXTENSIONS.length()) + "." + simple;
        }
        if (pkg.startsWith(FABRIC8 + ".")) {
            String[] parts = pkg.substring(FABRIC8.length() + 1).split("\\.");
            String group = parts[0];
            String version = parts.length > 1 && VERSION.matcher(parts[parts.length - 1]).matches() ? parts[parts.length - 1] : "v1";
            return "io.k8s.api." + group + "." + version + "." + simple;
        }
        return pkg + "." + simple;
    }
}
