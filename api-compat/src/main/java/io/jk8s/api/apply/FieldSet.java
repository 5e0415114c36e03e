package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An immutable set of field paths (fieldpath.Set) with the set algebra server-side apply is built
 * on, and its FieldsV1 form. A path's membership says nothing about the paths under it: owning
 * {@code .spec.replicas} does not own {@code .spec}.
 */
public final class FieldSet {

    public static final FieldSet EMPTY = new FieldSet(new TreeSet<>());

    private final NavigableSet<FieldPath> paths;

    private FieldSet(NavigableSet<FieldPath> paths) {
        this.paths = paths;
    }

    public static FieldSet of(FieldPath... paths) {
        return of(java.util.List.of(paths));
    }

    public static FieldSet of(Collection<FieldPath> paths) {
        return new FieldSet(new TreeSet<>(paths));
    }

    /** A set of {@code paths}, which the caller hands over and never touches again (no copy). */
    static FieldSet owning(TreeSet<FieldPath> paths) {
        return paths.isEmpty() ? EMPTY : new FieldSet(paths);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    public int size() {
        return paths.size();
    }

    public boolean has(FieldPath path) {
        return paths.contains(path);
    }

    /** Whether some member lies strictly under {@code path}. */
    public boolean hasMembersUnder(FieldPath path) {
        FieldPath next = paths.higher(path);
        return next != null && next.startsWith(path) && !next.equals(path);
    }

    // Sets never change once made, so an operand can stand for the result; most of the sets a
    // write combines are empty, and copying them cost a noticeable share of each write.
    public FieldSet union(FieldSet other) {
        if (other.paths.isEmpty()) {
            return this;
        }
        if (paths.isEmpty()) {
            return other;
        }
        TreeSet<FieldPath> out = new TreeSet<>(paths);
        out.addAll(other.paths);
        return new FieldSet(out);
    }

    public FieldSet difference(FieldSet other) {
        if (paths.isEmpty() || other.paths.isEmpty()) {
            return this;
        }
        return filter(p -> !other.paths.contains(p));
    }

    public FieldSet intersection(FieldSet other) {
        if (paths.isEmpty() || other.paths.isEmpty()) {
            return EMPTY;
        }
        return filter(other.paths::contains);
    }

    public FieldSet filter(Predicate<FieldPath> keep) {
        boolean dropsSome = false;
        for (FieldPath p : paths) {
            if (!keep.test(p)) {
                dropsSome = true;
                break;
            }
        }
        if (!dropsSome) {
            return this;
        }
        // a sorted copy is built in linear time, where adding the kept paths one by one re-sorts them
        TreeSet<FieldPath> out = new TreeSet<>((java.util.SortedSet<FieldPath>) paths);
        out.removeIf(keep.negate());
        return new FieldSet(out);
    }

    public FieldSet with(FieldPath path) {
        TreeSet<FieldPath> out = new TreeSet<>(paths);
        out.add(path);
        return new FieldSet(out);
    }

    /** The members in path order. */
    public Iterable<FieldPath> paths() {
        return java.util.Collections.unmodifiableSet(paths);
    }

    /** The FieldsV1 JSON: nested {@code f:}/{@code k:}/{@code v:}/{@code i:} keys, {@code "."} where a path with children is itself a member. */
    public ObjectNode toFieldsV1() {
        // Paths come sorted, a path before the paths under it and siblings in key order: one pass
        // with the chain of open nodes builds every node in order. A member's "." goes in first,
        // when its first child arrives.
        List<ObjectNode> open = new ArrayList<>();
        List<Boolean> members = new ArrayList<>();
        open.add(ObjectCodec.JSON.createObjectNode());
        members.add(false);
        FieldPath previous = FieldPath.ROOT;
        for (FieldPath path : paths) {
            int shared = commonPrefix(previous, path);
            while (open.size() > shared + 1) {
                open.remove(open.size() - 1);
                members.remove(members.size() - 1);
            }
            for (int depth = shared; depth < path.size(); depth++) {
                ObjectNode parent = open.get(depth);
                if (depth > 0 && members.get(depth) && parent.isEmpty()) {
                    parent.putObject(".");
                }
                open.add(parent.putObject(path.elements().get(depth).encode()));
                members.add(false);
            }
            members.set(path.size(), true);
            previous = path;
        }
        return open.get(0);
    }

    private static int commonPrefix(FieldPath a, FieldPath b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            if (!a.elements().get(i).equals(b.elements().get(i))) {
                return i;
            }
        }
        return common;
    }

    public static FieldSet fromFieldsV1(JsonNode fields) {
        TreeSet<FieldPath> out = new TreeSet<>();
        if (fields != null && fields.isObject()) {
            read(fields, FieldPath.ROOT, out);
        }
        return new FieldSet(out);
    }

    private static void read(JsonNode node, FieldPath at, TreeSet<FieldPath> into) {
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getKey().equals(".")) {
                into.add(at);
                continue;
            }
            FieldPath child = at.child(PathElement.parse(entry.getKey()));
            if (entry.getValue().isObject() && entry.getValue().size() > 0) {
                read(entry.getValue(), child, into);
            } else {
                into.add(child);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSet set && set.paths.equals(paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        return paths.toString();
    }
}
