package io.jk8s.reconcilers.serviceaccount;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code kubernetes.io/service-account-token} Secret (kube-controller-manager's tokens controller,
 * pkg/controller/serviceaccount/tokens_controller.go syncSecret): while the service account its
 * {@code kubernetes.io/service-account.name} annotation names exists (with the uid of the
 * {@code .uid} annotation, when set), the Secret gets {@code token}, {@code namespace} and (given a
 * root CA) {@code ca.crt} filled in and the uid annotation; once it is gone, the Secret is deleted.
 */
final class LegacyTokenReconciler implements io.jk8s.reconcilers.framework.Reconciler {

    static final String TOKEN_TYPE = "kubernetes.io/service-account-token";
    static final String NAME_ANNOTATION = "kubernetes.io/service-account.name";
    static final String UID_ANNOTATION = "kubernetes.io/service-account.uid";

    private final KubernetesClient client;
    private final LegacyTokenGenerator tokens;
    private final Optional<Path> rootCaFile;

    LegacyTokenReconciler(KubernetesClient client, LegacyTokenGenerator tokens, Optional<Path> rootCaFile) {
        this.client = client;
        this.tokens = tokens;
        this.rootCaFile = rootCaFile;
    }

    @Override
    public Duration reconcile(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        // the live objects, as kube reads them before writing: a cache may lag a recreated account
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null || !TOKEN_TYPE.equals(secret.getType()) || secret.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null ? Map.of() : secret.getMetadata().getAnnotations();
        String accountName = annotations.get(NAME_ANNOTATION);
        if (accountName == null || accountName.isEmpty()) {
            return null;
        }
        ServiceAccount account = client.serviceAccounts().inNamespace(namespace).withName(accountName).get();
        String expectedUid = annotations.get(UID_ANNOTATION);
        if (account == null || (expectedUid != null && !expectedUid.isEmpty() && !expectedUid.equals(account.getMetadata().getUid()))) {
            // the token's account is gone: so is the token
            client.secrets().inNamespace(namespace).withName(name).delete();
            return null;
        }
        Map<String, String> data = new HashMap<>(secret.getData() == null ? Map.of() : secret.getData());
        String rootCa = rootCa();
        boolean needsCa = rootCa != null && !rootCa.equals(data.get("ca.crt"));
        boolean needsNamespace = isEmpty(data.get("namespace"));
        boolean needsToken = isEmpty(data.get("token"));
        if (!needsCa && !needsNamespace && !needsToken) {
            return null;
        }
        if (needsCa) {
            data.put("ca.crt", rootCa);
        }
        if (needsNamespace) {
            data.put("namespace", base64(namespace));
        }
        if (needsToken) {
            data.put("token", base64(tokens.generate(account, secret)));
        }
        Map<String, String> updatedAnnotations = new HashMap<>(annotations);
        updatedAnnotations.put(NAME_ANNOTATION, account.getMetadata().getName());
        updatedAnnotations.put(UID_ANNOTATION, account.getMetadata().getUid());
        secret.setData(data);
        secret.getMetadata().setAnnotations(updatedAnnotations);
        try {
            client.secrets().inNamespace(namespace).resource(secret).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
            // changed or gone meanwhile: its own event queues it again
        }
        return null;
    }

    /** The root CA as Secret data (base64), or null without one; read each time, so a renewed bundle reaches new Secrets. */
    private String rootCa() {
        if (rootCaFile.isEmpty()) {
            return null;
        }
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(rootCaFile.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the root CA " + rootCaFile.get(), e);
        }
    }

    private static boolean isEmpty(String base64) {
        return base64 == null || base64.isEmpty();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
