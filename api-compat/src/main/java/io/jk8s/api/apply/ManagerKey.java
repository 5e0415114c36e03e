package io.jk8s.api.apply;

import io.jk8s.api.errors.GoValues;

/**
 * What identifies one managedFields entry (BuildManagerIdentifier): the manager, the operation and
 * the subresource, plus the apiVersion for updates. Appliers keep one entry whatever version they
 * apply through.
 */
record ManagerKey(String manager, String operation, String apiVersion, String subresource) {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    static ManagerKey apply(String manager, String subresource) {
        return new ManagerKey(manager, APPLY, null, subresource);
    }

    static ManagerKey update(String manager, String apiVersion, String subresource) {
        return new ManagerKey(manager, UPDATE, apiVersion, subresource);
    }

    boolean applies() {
        return APPLY.equals(operation);
    }

    /** How conflict messages name the manager (printManager). */
    String describe() {
        String out = GoValues.quote(manager);
        if (subresource != null && !subresource.isEmpty()) {
            out += " with subresource " + GoValues.quote(subresource);
        }
        return applies() ? out : out + " using " + apiVersion;
    }
}
