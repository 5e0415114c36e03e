package io.jk8s.api.registry.authentication;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Who a request is from (apiserver's user.Info), as the request filters authenticated it (and
 * impersonation replaced it). A request without credentials is the local administrator: kube's
 * name for its own privileged user and the groups that give it every permission (system:masters)
 * and mark it authenticated (see the README: the loopback-only server trusts its local user as a
 * kubeconfig client certificate would be trusted). Everything that records the requester
 * (SelfSubjectReview, a CSR's spec.username, the access reviews) reads it here, so they cannot disagree.
 */
public record RequestUser(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

    /** user.SystemPrivilegedGroup: its members are allowed everything before any authorizer is asked. */
    public static final String MASTERS = "system:masters";
    public static final String AUTHENTICATED = "system:authenticated";
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    public static final RequestUser ADMIN = new RequestUser("system:admin", "", List.of(MASTERS, AUTHENTICATED));
    /** Who a request without credentials is on the secure port (kube's anonymous authenticator). */
    public static final RequestUser ANONYMOUS = new RequestUser("system:anonymous", "", List.of(UNAUTHENTICATED));

    private static final ThreadLocal<RequestUser> CURRENT = ThreadLocal.withInitial(() -> ADMIN);

    public RequestUser(String name, String uid, List<String> groups) {
        this(name, uid, groups, Map.of());
    }

    public boolean privileged() {
        return groups.contains(MASTERS);
    }

    /** The user of the request being served on this thread. */
    public static RequestUser current() {
        return CURRENT.get();
    }

    /** Runs {@code call} (one step of a request, on the thread that serves it) as {@code user}. */
    public static <R> R callAs(RequestUser user, Callable<R> call) throws Exception {
        RequestUser previous = CURRENT.get();
        CURRENT.set(user);
        try {
            return call.call();
        } finally {
            CURRENT.set(previous);
        }
    }
}
