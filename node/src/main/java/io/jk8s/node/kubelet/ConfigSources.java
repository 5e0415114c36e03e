package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ConfigMaps and Secrets a pod refers to, read from the API when a container is configured or a
 * volume refreshed (kubelet's "Get" change-detection strategy). Absent objects are null; the caller
 * decides whether that is an error ({@code optional}) and reports it with kubelet's wording.
 */
final class ConfigSources {

    private final KubernetesClient client;

    ConfigSources(KubernetesClient client) {
        this.client = client;
    }

    /** The ConfigMap's data and binaryData as bytes, or null if it does not exist. */
    Map<String, byte[]> configMap(String namespace, String name) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        if (cm == null) {
            return null;
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (cm.getData() != null) {
            cm.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        if (cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        return data;
    }

    /** The Secret's data, decoded, or null if it does not exist. */
    Map<String, byte[]> secret(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return null;
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }

    /** kubelet's not-found error for a required object (its managers use the singular resource name). */
    static ContainerConfigException notFound(String kind, String name) {
        return new ContainerConfigException(kind + " \"" + name + "\" not found");
    }
}
