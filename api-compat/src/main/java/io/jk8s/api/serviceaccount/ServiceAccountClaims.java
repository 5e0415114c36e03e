package io.jk8s.api.serviceaccount;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The claims of a bound service-account token (pkg/serviceaccount/claims.go Claims): the registered
 * claims (iss, sub, aud, iat, nbf, exp, jti) and the private {@code kubernetes.io} claim naming the
 * namespace, the service account and the object the token is bound to, each by name and uid, so
 * the token stops working when any of them goes.
 *
 * @param node for a pod-bound token, the pod's node (kube's ServiceAccountTokenPodNodeInfo); alone, a node-bound token
 * @param warnAfterSeconds for the kubelet's projected tokens whose lifetime kube extends, when they count as stale; 0 if not
 */
public record ServiceAccountClaims(ServiceAccount serviceAccount, Pod pod, Secret secret, Node node,
                                   long expirationSeconds, long warnAfterSeconds, List<String> audiences) {

    /** The subject and username of a service account (serviceaccount.MakeUsername). */
    public static String username(String namespace, String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    /** The claims as go-jose writes them: one object, keys sorted, times in whole seconds. */
    public Map<String, Object> toMap(String issuer, Instant now) {
        String namespace = serviceAccount.getMetadata().getNamespace();
        Map<String, Object> kubernetes = new TreeMap<>();
        kubernetes.put("namespace", namespace);
        kubernetes.put("serviceaccount", ref(serviceAccount));
        if (pod != null) {
            kubernetes.put("pod", ref(pod));
        }
        if (secret != null) {
            kubernetes.put("secret", ref(secret));
        }
        if (node != null) {
            kubernetes.put("node", ref(node));
        }
        if (warnAfterSeconds != 0) {
            kubernetes.put("warnafter", now.getEpochSecond() + warnAfterSeconds);
        }
        Map<String, Object> claims = new TreeMap<>();
        claims.put("iss", issuer);
        claims.put("sub", username(namespace, serviceAccount.getMetadata().getName()));
        claims.put("aud", audiences);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + expirationSeconds);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("kubernetes.io", kubernetes);
        return claims;
    }

    /** kube's ref: name and uid, each left out when empty (a node that no longer exists has no uid). */
    private static Map<String, String> ref(HasMetadata object) {
        Map<String, String> ref = new TreeMap<>();
        String name = object.getMetadata().getName();
        String uid = object.getMetadata().getUid();
        if (name != null && !name.isEmpty()) {
            ref.put("name", name);
        }
        if (uid != null && !uid.isEmpty()) {
            ref.put("uid", uid);
        }
        return ref;
    }
}
