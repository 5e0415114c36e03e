package io.jk8s.api.apply;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jk8s.api.openapi.FieldPatchMeta;
import io.jk8s.api.openapi.FieldSchema;
import io.jk8s.api.openapi.SchemaType;
import io.jk8s.api.openapi.TypeSchema;
import io.jk8s.api.testing.TestSchemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field types are cached per struct; a struct replaced under the same name (a changed custom resource definition) is read anew. */
class ApplySchemaTest {

    @Test
    void aStructReplacedUnderItsNameGetsItsOwnFieldTypes() {
        ApplySchema schema = ApplySchema.of(TestSchemas.catalog());
        TypeSchema before = struct(new SchemaType.Primitive("string", null));
        TypeSchema after = struct(new SchemaType.ArrayOf(new SchemaType.Primitive("string", null)));

        assertInstanceOf(ApplyType.Scalar.class, schema.field(schema.root(before), "value"));
        assertInstanceOf(ApplyType.ListOf.class, schema.field(schema.root(after), "value"));
        assertInstanceOf(ApplyType.Scalar.class, schema.field(schema.root(before), "value"));
    }

    private static TypeSchema struct(SchemaType valueType) {
        return new TypeSchema("example.com.v1.Widget.spec", TypeSchema.Special.NONE,
                Map.of("value", new FieldSchema("value", valueType, FieldPatchMeta.NONE)), List.of(), List.of(), null);
    }
}
