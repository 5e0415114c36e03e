package io.jk8s.api.apply;

import java.util.ArrayList;
import java.util.List;

/** A path from the root of an object to one of its fields or list items (fieldpath.Path). */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    /** A path of field names: {@code of("spec", "replicas")}. */
    public static FieldPath of(String... fields) {
        List<PathElement> elements = new ArrayList<>();
        for (String field : fields) {
            elements.add(PathElement.field(field));
        }
        return new FieldPath(elements);
    }

    public FieldPath child(PathElement element) {
        List<PathElement> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    public int size() {
        return elements.size();
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public PathElement last() {
        return elements.get(elements.size() - 1);
    }

    public FieldPath parent() {
        return new FieldPath(elements.subList(0, elements.size() - 1));
    }

    public FieldPath prefix(int length) {
        return new FieldPath(elements.subList(0, length));
    }

    /** Whether this path is {@code other} or lies under it. */
    public boolean startsWith(FieldPath other) {
        return other.size() <= size() && elements.subList(0, other.size()).equals(other.elements);
    }

    /** As conflict messages print it: {@code .spec.containers[name="nginx"].image}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        elements.forEach(out::append);
        return out.toString();
    }

    /** Element by element; a path sorts before the paths under it. */
    @Override
    public int compareTo(FieldPath other) {
        int common = Math.min(size(), other.size());
        for (int i = 0; i < common; i++) {
            PathElement mine = elements.get(i);
            PathElement theirs = other.elements.get(i);
            if (mine == theirs) {
                continue; // paths made by one walk share their prefix elements: the common case in a set's ordering
            }
            int c = mine.compareTo(theirs);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(size(), other.size());
    }
}
