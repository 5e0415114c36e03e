package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The downward API's values, shared by env vars and downwardAPI volumes: pod fields
 * ({@code pkg/fieldpath}, kubelet's {@code podFieldSelectorRuntimeValue}) and container resources
 * ({@code pkg/api/v1/resource} ExtractContainerResourceValue), where a missing limit is the node's
 * allocatable amount as kubelet's {@code defaultPodLimitsForDownwardAPI} makes it.
 */
final class DownwardApi {

    private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private final Map<String, Quantity> allocatable;

    DownwardApi(Map<String, Quantity> allocatable) {
        this.allocatable = allocatable;
    }

    /** The value of a pod field path; podIp and hostIp are what the kubelet knows now. */
    static String field(Pod pod, String path, String podIp, String hostIp) {
        Matcher subscript = SUBSCRIPT.matcher(path);
        if (subscript.matches()) {
            Map<String, String> map = subscript.group(1).equals("labels") ? pod.getMetadata().getLabels()
                    : pod.getMetadata().getAnnotations();
            return map == null ? "" : map.getOrDefault(subscript.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "metadata.labels" -> format(pod.getMetadata().getLabels());
            case "metadata.annotations" -> format(pod.getMetadata().getAnnotations());
            case "spec.nodeName" -> nullToEmpty(pod.getSpec().getNodeName());
            case "spec.serviceAccountName" -> nullToEmpty(pod.getSpec().getServiceAccountName());
            case "status.podIP", "status.podIPs" -> nullToEmpty(podIp);
            case "status.hostIP", "status.hostIPs" -> nullToEmpty(hostIp);
            default -> throw new ContainerConfigException("unsupported fieldPath: " + path);
        };
    }

    /** A container's resource (limits.cpu, requests.memory, ...) divided by the divisor, rounded up. */
    String resource(Pod pod, Container c, ResourceFieldSelector selector) {
        String name = selector.getResource();
        String[] kindAndResource = name.split("\\.", 2);
        if (kindAndResource.length != 2) {
            throw new ContainerConfigException("unsupported container resource : " + name);
        }
        Map<String, Quantity> declared = c.getResources() == null ? null
                : kindAndResource[0].equals("limits") ? c.getResources().getLimits() : c.getResources().getRequests();
        Quantity quantity = declared == null ? null : declared.get(kindAndResource[1]);
        if (quantity == null && kindAndResource[0].equals("limits")) {
            quantity = allocatable.get(kindAndResource[1]);
        }
        BigDecimal amount = quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
        BigDecimal divisor = selector.getDivisor() == null || Quantity.getAmountInBytes(selector.getDivisor()).signum() == 0
                ? BigDecimal.ONE : Quantity.getAmountInBytes(selector.getDivisor());
        return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    /** fieldpath.FormatMap: {@code key="value"} lines in key order, Go-quoted values. */
    static String format(Map<String, String> map) {
        if (map == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(map).forEach((k, v) -> out.append(k).append('=').append(quote(v)).append('\n'));
        return out.isEmpty() ? "" : out.substring(0, out.length() - 1);
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(ch < 0x20 ? String.format("\\x%02x", (int) ch) : String.valueOf(ch));
            }
        }
        return out.append('"').toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
