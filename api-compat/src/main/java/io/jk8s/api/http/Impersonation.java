package io.jk8s.api.http;

import io.jk8s.api.authorization.Attributes;
import io.jk8s.api.authorization.Authorizer;
import io.jk8s.api.authorization.Decision;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.authentication.RequestUser;
import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Acting as another user (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): each
 * {@code Impersonate-*} header is one request the authenticated user must be allowed the
 * {@code impersonate} verb for (users, groups, serviceaccounts, userextras/&lt;key&gt;, uids); the
 * request then runs as the user they describe, with system:authenticated added, and a service
 * account with its groups unless groups were named.
 */
final class Impersonation {

    static final String USER = "Impersonate-User";
    static final String GROUP = "Impersonate-Group";
    static final String UID = "Impersonate-Uid";
    static final String EXTRA_PREFIX = "impersonate-extra-";
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    private static final String AUTHENTICATION_GROUP = "authentication.k8s.io";

    private Impersonation() {}

    static boolean requested(MultiMap headers) {
        // walks the few headers in place (names() would copy them into a set on every request)
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().regionMatches(true, 0, "impersonate-", 0, "impersonate-".length())) {
                return true;
            }
        }
        return false;
    }

    /** The impersonated user, or kube's error: 500 for a malformed request, 403 for one the requester may not make. */
    static RequestUser impersonate(RequestUser requester, MultiMap headers, Authorizer authorizer) {
        String requestedUser = headers.get(USER);
        List<String> requestedGroups = headers.getAll(GROUP);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entries()) {
            if (header.getKey().toLowerCase(Locale.ROOT).startsWith(EXTRA_PREFIX)) {
                String key = unescape(header.getKey().toLowerCase(Locale.ROOT).substring(EXTRA_PREFIX.length()));
                extra.computeIfAbsent(key, k -> new ArrayList<>()).add(header.getValue());
            }
        }
        String uid = headers.get(UID);
        boolean hasUser = requestedUser != null && !requestedUser.isEmpty();
        boolean hasUid = uid != null && !uid.isEmpty();
        if (!hasUser && (!requestedGroups.isEmpty() || !extra.isEmpty() || hasUid)) {
            throw StatusErrors.internal(new IllegalArgumentException("requested impersonation of groups, extra or uid"
                    + " without impersonating a user"));
        }
        if (!hasUser) {
            return requester;
        }
        List<String> groups = new ArrayList<>();
        String username = requestedUser;
        String[] serviceAccount = serviceAccount(requestedUser);
        if (serviceAccount != null) {
            check(authorizer, Attributes.resource(requester, "impersonate", "", "v1", serviceAccount[0], "serviceaccounts", "",
                    serviceAccount[1]));
            if (requestedGroups.isEmpty()) {
                // serviceaccount.MakeGroupNames: a service account's groups are fixed
                groups.add("system:serviceaccounts");
                groups.add("system:serviceaccounts:" + serviceAccount[0]);
            }
        } else {
            check(authorizer, Attributes.resource(requester, "impersonate", "", "v1", "", "users", "", requestedUser));
        }
        for (String group : requestedGroups) {
            check(authorizer, Attributes.resource(requester, "impersonate", "", "v1", "", "groups", "", group));
            groups.add(group);
        }
        extra.forEach((key, values) -> values.forEach(value -> check(authorizer,
                Attributes.resource(requester, "impersonate", AUTHENTICATION_GROUP, "v1", "", "userextras", key, value))));
        if (hasUid) {
            check(authorizer, Attributes.resource(requester, "impersonate", AUTHENTICATION_GROUP, "v1", "", "uids", "", uid));
        }
        if (!username.equals("system:anonymous") && !groups.contains(RequestUser.AUTHENTICATED)
                && !groups.contains("system:unauthenticated")) {
            groups.add(RequestUser.AUTHENTICATED);
        }
        return new RequestUser(username, hasUid ? uid : "", List.copyOf(groups), Map.copyOf(extra));
    }

    private static void check(Authorizer authorizer, Attributes acting) {
        Decision decision = authorizer.authorize(acting);
        if (!decision.allowed()) {
            throw AuthorizationFilter.forbidden(acting, decision.reason());
        }
    }

    /** serviceaccount.SplitUsername: namespace and name, or null when the user is no service account. */
    private static String[] serviceAccount(String username) {
        if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            return null;
        }
        String[] parts = username.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
    }

    /** unescapeExtraKey: header names cannot carry every key, so keys are percent-encoded. */
    private static String unescape(String key) {
        try {
            return URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return key;
        }
    }
}
