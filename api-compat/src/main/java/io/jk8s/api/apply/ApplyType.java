package io.jk8s.api.apply;

import io.jk8s.api.openapi.TypeSchema;
import java.util.List;

/**
 * How server-side apply treats one node of an object (structured-merge-diff's schema atoms): a
 * scalar, a struct with declared fields, a string-keyed map, or a list that is atomic, a set of
 * scalars, or a map keyed by some of its items' fields. Atomic structs, maps and lists are owned
 * and replaced as a whole. {@link Untyped} is free-form JSON, treated as SMD's "deduced" type.
 */
sealed interface ApplyType {

    /** Leaves: owned and replaced whole. */
    default boolean atomic() {
        return true;
    }

    record Scalar() implements ApplyType {}

    record Struct(TypeSchema schema, boolean atomic) implements ApplyType {}

    record MapOf(io.jk8s.api.openapi.SchemaType values, boolean atomic) implements ApplyType {}

    record ListOf(io.jk8s.api.openapi.SchemaType items, Relationship relationship, List<String> keys) implements ApplyType {
        @Override
        public boolean atomic() {
            return relationship == Relationship.ATOMIC;
        }
    }

    record Untyped() implements ApplyType {
        @Override
        public boolean atomic() {
            return false;
        }
    }

    enum Relationship { ATOMIC, SET, MAP }
}
