package io.jk8s.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.jk8s.api.testing.TestSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What reflection over the fabric8 classes yields, checked against kube's published schema shapes. */
class SchemaCatalogTest {

    private static final SchemaCatalog CATALOG = TestSchemas.catalog();

    @Test
    void kubeNamesForFabric8Classes() {
        assertEquals("io.k8s.api.core.v1.PodSpec", SchemaNames.of(PodSpec.class));
        assertEquals("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", SchemaNames.of(ObjectMeta.class));
        assertEquals("io.k8s.api.apps.v1.DeploymentSpec", SchemaNames.of(DeploymentSpec.class));
        assertEquals("io.k8s.api.batch.v1.JobSpec", SchemaNames.of(JobSpec.class));
    }

    @Test
    void fieldTypes() {
        TypeSchema container = CATALOG.type("io.k8s.api.core.v1.Container").orElseThrow();
        assertEquals(List.of("name"), container.required());
        assertEquals(new SchemaType.ArrayOf(new SchemaType.Ref("io.k8s.api.core.v1.ContainerPort")),
                container.field("ports").orElseThrow().type());
        assertEquals(new SchemaType.ArrayOf(SchemaType.string()), container.field("command").orElseThrow().type());
        TypeSchema resources = CATALOG.type("io.k8s.api.core.v1.ResourceRequirements").orElseThrow();
        assertEquals(new SchemaType.MapOf(new SchemaType.Ref(SchemaNames.QUANTITY)), resources.field("limits").orElseThrow().type());
        TypeSchema port = CATALOG.type("io.k8s.api.core.v1.ContainerPort").orElseThrow();
        assertEquals(new SchemaType.Primitive("integer", "int32"), port.field("containerPort").orElseThrow().type());
        TypeSchema meta = CATALOG.type("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").orElseThrow();
        assertEquals(new SchemaType.Ref(SchemaNames.TIME), meta.field("creationTimestamp").orElseThrow().type());
        assertEquals(new SchemaType.Primitive("integer", "int64"), meta.field("generation").orElseThrow().type());
        assertTrue(meta.field("additionalProperties").isEmpty(), "fabric8's catch-all is not a wire field");
    }

    @Test
    void patchMetadataComesFromTheTable() {
        FieldPatchMeta ports = CATALOG.type("io.k8s.api.core.v1.Container").orElseThrow().field("ports").orElseThrow().patch();
        assertEquals("containerPort", ports.patchMergeKey());
        assertEquals(List.of("containerPort", "protocol"), ports.listMapKeys());
        assertTrue(ports.merges());
        FieldPatchMeta volumes = CATALOG.type("io.k8s.api.core.v1.PodSpec").orElseThrow().field("volumes").orElseThrow().patch();
        assertTrue(volumes.merges() && volumes.retainsKeys());
        assertEquals(FieldPatchMeta.NONE, CATALOG.type("io.k8s.api.core.v1.Container").orElseThrow().field("image").orElseThrow().patch());
    }

    @Test
    void kindsCarryTheirGroupVersionKind() {
        assertEquals(List.of(new TypeSchema.GroupVersionKind("apps", "v1", "Deployment")),
                CATALOG.forKind("apps", "v1", "Deployment").orElseThrow().gvks());
        assertEquals("io.k8s.api.core.v1.ConfigMapList", CATALOG.forKind("", "v1", "ConfigMapList").orElseThrow().name());
    }
}
