package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.openapi.PublishedSchema;
import io.jk8s.api.openapi.TypeSchema;
import io.jk8s.api.registry.ScaleSubresource;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.TableColumn;
import java.util.List;

/**
 * One served version of a custom resource (apiextensions-apiserver pkg/registry/customresource
 * strategy.go): generation moves on any change outside metadata (and outside status when the
 * status subresource is on), the table comes from the version's printer columns, and objects are
 * checked against the version's schema.
 */
final class CustomResourceStrategy implements Strategy<GenericKubernetesResource> {

    private final boolean statusSubresource;
    private final List<TableColumn<GenericKubernetesResource>> columns;
    private final CustomResourceSchema schema;
    private final ScaleSubresource.Paths scale;
    private final List<TypeSchema> types;
    private final DefinitionLifecycle lifecycle;
    private final PublishedSchema published;
    /** Null when the schema declares no default. */
    private final StructuralDefaulting defaulting;

    CustomResourceStrategy(boolean statusSubresource, List<TableColumn<GenericKubernetesResource>> columns,
                           CustomResourceSchema schema, ScaleSubresource.Paths scale, List<TypeSchema> types,
                           DefinitionLifecycle lifecycle, PublishedSchema published, StructuralDefaulting defaulting) {
        this.statusSubresource = statusSubresource;
        this.columns = columns;
        this.schema = schema;
        this.scale = scale;
        this.types = types;
        this.lifecycle = lifecycle;
        this.published = published;
        this.defaulting = defaulting;
    }

    /** The schema's defaults, on every create and update body as kube's decoder applies them. */
    @Override
    public void applyDefaults(GenericKubernetesResource object) {
        if (defaulting == null) {
            return;
        }
        ObjectNode tree = ObjectCodec.JSON.valueToTree(object);
        defaulting.apply(tree);
        try {
            object.setAdditionalProperties(ObjectCodec.JSON.treeToValue(tree, GenericKubernetesResource.class).getAdditionalProperties());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a defaulted custom resource is still JSON", e);
        }
    }

    @Override
    public java.util.Optional<PublishedSchema> publishedSchema() {
        return java.util.Optional.of(published);
    }

    @Override
    public void prepareForCreate(GenericKubernetesResource object) {
        lifecycle.admitCreate();
    }

    @Override
    public List<TypeSchema> schemas() {
        return types;
    }

    @Override
    public boolean servesStrategicMergePatch() {
        return false;
    }

    @Override
    public ScaleSubresource.Paths scalePaths() {
        return scale;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean changesGeneration(GenericKubernetesResource object, GenericKubernetesResource old) {
        return !withoutMetadata(object).equals(withoutMetadata(old));
    }

    /** Pruning runs on the request body, so fieldValidation can report what it removes. */
    @Override
    public java.util.Optional<List<String>> pruneUndeclared(ObjectNode object) {
        return java.util.Optional.of(schema.prune(object));
    }

    @Override
    public List<FieldError> validate(GenericKubernetesResource object) {
        return schema.validate(object);
    }

    @Override
    public List<FieldError> validateStatusUpdate(GenericKubernetesResource object, GenericKubernetesResource old) {
        return schema.validate(object);
    }

    @Override
    public List<TableColumn<GenericKubernetesResource>> tableColumns() {
        return columns;
    }

    private ObjectNode withoutMetadata(GenericKubernetesResource object) {
        ObjectNode tree = ObjectCodec.JSON.valueToTree(object);
        tree.remove("metadata");
        if (statusSubresource) {
            tree.remove("status");
        }
        return tree;
    }
}
