package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresources;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.ScaleSubresource;
import io.jk8s.api.registry.StorageVersion;
import io.jk8s.api.registry.Subresource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource table rows of one CustomResourceDefinition: one per served version, with the
 * accepted names, scope, subresources and a {@link CustomResourceStrategy}. Every version shares
 * the storage keys {@code /registry/<group>/<plural>/}; objects are stored with the storage
 * version's apiVersion and served with the requested one (conversion strategy None).
 */
final class CustomResourceRows {

    private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private CustomResourceRows() {}

    static List<ResourceType<?>> of(CustomResourceDefinition crd, DefinitionLifecycle lifecycle) {
        CustomResourceDefinitionSpec spec = crd.getSpec();
        CustomResourceDefinitionNames names = crd.getStatus() != null && crd.getStatus().getAcceptedNames() != null
                ? crd.getStatus().getAcceptedNames() : spec.getNames();
        String storageVersion = CustomResourceDefinitionStrategy.storageVersion(crd).orElse(null);
        // crdHandler: a definition is served once it is Established or its names are accepted
        if (storageVersion == null || names == null
                || !CustomResourceDefinitionStrategy.isTrue(crd, CustomResourceDefinitionStrategy.ESTABLISHED)
                && !CustomResourceDefinitionStrategy.isTrue(crd, CustomResourceDefinitionStrategy.NAMES_ACCEPTED)) {
            return List.of();
        }
        List<CustomResourceDefinitionVersion> served = new ArrayList<>(spec.getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getServed())).toList());
        // kube lists a custom group's versions by kube-aware version priority
        served.sort(Comparator.comparing(CustomResourceDefinitionVersion::getName, CustomResourceRows::compareVersions));
        List<ResourceType<?>> rows = new ArrayList<>();
        for (CustomResourceDefinitionVersion version : served) {
            rows.add(row(spec, names, version, storageVersion, spec.getVersions().size() > 1, lifecycle));
        }
        return rows;
    }

    private static ResourceType<GenericKubernetesResource> row(CustomResourceDefinitionSpec spec, CustomResourceDefinitionNames names,
                                                               CustomResourceDefinitionVersion version, String storageVersion,
                                                               boolean converts, DefinitionLifecycle lifecycle) {
        String group = spec.getGroup();
        String v = version.getName();
        CustomResourceSubresources declared = version.getSubresources();
        List<Subresource> subresources = new ArrayList<>();
        ScaleSubresource.Paths scalePaths = ScaleSubresource.Paths.REPLICAS;
        boolean status = declared != null && declared.getStatus() != null;
        if (declared != null && declared.getScale() != null) {
            subresources.add(Subresource.scale());
            scalePaths = scalePaths(declared.getScale());
        }
        if (status) {
            subresources.add(Subresource.status(group, v, names.getKind()));
        }
        JSONSchemaProps schema = version.getSchema() == null ? null : version.getSchema().getOpenAPIV3Schema();
        StructuralDefaulting defaulting = StructuralDefaulting.of(schema);
        CustomResourceStrategy strategy = new CustomResourceStrategy(status, PrinterColumns.of(version.getAdditionalPrinterColumns()),
                new CustomResourceSchema(schema), scalePaths, CustomResourceTypeSchemas.of(group, v, names.getKind(), schema),
                lifecycle, PublishedSchemas.of(schema), defaulting);
        StorageVersion storage = new StorageVersion(group, names.getPlural(), converts || defaulting != null
                ? new VersionConverter(group + "/" + storageVersion, group + "/" + v, defaulting) : StorageVersion.Converter.IDENTITY);
        return new ResourceType<>(group, v, names.getKind(), names.getPlural(), names.getSingular(),
                names.getShortNames() == null ? List.of() : List.copyOf(names.getShortNames()),
                names.getCategories() == null ? List.of() : List.copyOf(names.getCategories()),
                "Namespaced".equals(spec.getScope()), ResourceType.STANDARD_VERBS, List.copyOf(subresources), storage,
                GenericKubernetesResource.class, strategy, null);
    }

    private static ScaleSubresource.Paths scalePaths(CustomResourceSubresourceScale scale) {
        return new ScaleSubresource.Paths(fields(scale.getSpecReplicasPath()), fields(scale.getStatusReplicasPath()),
                scale.getLabelSelectorPath() == null || scale.getLabelSelectorPath().isEmpty() ? null
                        : fields(scale.getLabelSelectorPath()));
    }

    private static List<String> fields(String path) {
        return SimpleJsonPath.parse(path == null ? "" : path).fields();
    }

    /**
     * version.CompareKubeAwareVersionStrings, as a sort order: GA before beta before alpha, higher
     * numbers first, then versions that do not look like kube versions, by name.
     */
    static int compareVersions(String a, String b) {
        Matcher ma = KUBE_VERSION.matcher(a);
        Matcher mb = KUBE_VERSION.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) {
            return ka == kb ? a.compareTo(b) : ka ? -1 : 1;
        }
        int stability = Integer.compare(stability(mb.group(2)), stability(ma.group(2)));
        if (stability != 0) {
            return stability;
        }
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) {
            return major;
        }
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int stability(String level) {
        return level == null ? 2 : level.equals("beta") ? 1 : 0;
    }

    /**
     * Conversion strategy None: only apiVersion changes between the stored and the served version;
     * and what is read is defaulted by the served version's schema, as kube's storage decoder does,
     * so objects stored before a default was declared show it.
     */
    private record VersionConverter(String storedApiVersion, String servedApiVersion, StructuralDefaulting defaulting)
            implements StorageVersion.Converter {
        @Override
        public ObjectNode toStorage(ObjectNode served) {
            served.put("apiVersion", storedApiVersion);
            return served;
        }

        @Override
        public ObjectNode fromStorage(ObjectNode stored) {
            stored.put("apiVersion", servedApiVersion);
            if (defaulting != null) {
                defaulting.apply(stored);
            }
            return stored;
        }
    }
}
