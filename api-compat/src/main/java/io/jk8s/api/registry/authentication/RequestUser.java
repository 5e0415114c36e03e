package io.jk8s.api.registry.authentication;

import java.util.List;

/**
 * Who a request is from (apiserver's user.Info). This server does not authenticate yet and lets
 * every request do anything, so every caller is the cluster administrator: kube's name for its own
 * privileged user and the groups that give it every permission (system:masters) and mark it
 * authenticated. Everything that records the requester (SelfSubjectReview, a CSR's spec.username)
 * reads it here, so they cannot disagree.
 */
public record RequestUser(String name, String uid, List<String> groups) {

    public static final RequestUser ADMIN = new RequestUser("system:admin", "", List.of("system:masters", "system:authenticated"));

    /** The user of the request being served. */
    public static RequestUser current() {
        return ADMIN;
    }
}
