package io.jk8s.api.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.registry.ResourceTable;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.Strategy;
import java.util.List;

/**
 * A resource table with pods and deployments beside the built-in kinds, so schema, patch and
 * explain tests can use the kinds whose merge rules matter before their strategies exist.
 */
public final class TestSchemas {

    private TestSchemas() {}

    public static ResourceTable tableWithWorkloads() {
        List<ResourceType<?>> types = new java.util.ArrayList<>(ResourceTable.builtIn().all());
        if (types.stream().noneMatch(t -> t.kind().equals("Pod"))) {
            types.add(ResourceType.of("", "v1", "Pod", "pods", Pod.class, new Strategy<Pod>() { }).shortNames("po"));
        }
        if (types.stream().noneMatch(t -> t.kind().equals("Deployment"))) {
            types.add(ResourceType.of("apps", "v1", "Deployment", "deployments", Deployment.class,
                    new Strategy<Deployment>() { }).shortNames("deploy"));
        }
        return new ResourceTable(types);
    }

    public static SchemaCatalog catalog() {
        return SchemaCatalog.of(tableWithWorkloads());
    }

}
