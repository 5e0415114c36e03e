package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** Nodes (pkg/registry/core/node/strategy.go): a kubelet registers its node with a status. */
public final class NodeStrategy implements Strategy<Node> {

    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

    @Override
    public boolean resetsStatusOnCreate() {
        return false;
    }

    /** NodeSpec is a struct, not a pointer, in kube: a node always has at least {@code spec: {}}. */
    @Override
    public void prepareForCreate(Node node) {
        if (node.getSpec() == null) {
            node.setSpec(new NodeSpec());
        }
    }

    @Override
    public void prepareForUpdate(Node node, Node old) {
        prepareForCreate(node);
    }

    @Override
    public List<TableColumn<Node>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Status", "string", "The status of the node", (n, now) -> status(n)),
                TableColumn.of("Roles", "string", "The roles of the node", (n, now) -> roles(n)),
                StandardColumns.age(),
                TableColumn.of("Version", "string", "Kubelet Version reported by the node.",
                        (n, now) -> orEmpty(info(n).getKubeletVersion())),
                TableColumn.<Node>of("Internal-IP", "string", "List of addresses reachable to the node.",
                        (n, now) -> address(n, "InternalIP")).priority(1),
                TableColumn.<Node>of("External-IP", "string", "List of addresses reachable to the node.",
                        (n, now) -> address(n, "ExternalIP")).priority(1),
                TableColumn.<Node>of("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. "
                        + "Debian GNU/Linux 7 (wheezy)).", (n, now) -> unknown(info(n).getOsImage())).priority(1),
                TableColumn.<Node>of("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' "
                        + "(e.g. 3.16.0-0.bpo.4-amd64).", (n, now) -> unknown(info(n).getKernelVersion())).priority(1),
                TableColumn.<Node>of("Container-Runtime", "string", "ContainerRuntime Version reported by the node through "
                        + "runtime remote API (e.g. containerd://1.4.2).",
                        (n, now) -> unknown(info(n).getContainerRuntimeVersion())).priority(1));
    }

    @Override
    public Map<String, Function<Node, String>> fieldLabels() {
        return Map.of("spec.unschedulable",
                n -> Boolean.toString(n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())));
    }

    private static String status(Node node) {
        List<String> status = new ArrayList<>();
        List<NodeCondition> conditions = node.getStatus() == null ? List.of() : PodSpecDefaults.orEmpty(node.getStatus().getConditions());
        conditions.stream().filter(c -> "Ready".equals(c.getType())).reduce((a, b) -> b)
                .ifPresent(c -> status.add("True".equals(c.getStatus()) ? "Ready" : "NotReady"));
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    /** findNodeRoles: node-role.kubernetes.io/<role> labels and the legacy kubernetes.io/role label. */
    private static String roles(Node node) {
        TreeSet<String> roles = new TreeSet<>();
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        labels.forEach((k, v) -> {
            if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
                roles.add(k.substring(ROLE_PREFIX.length()));
            } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                roles.add(v);
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String address(Node node, String type) {
        List<NodeAddress> addresses = node.getStatus() == null ? List.of() : PodSpecDefaults.orEmpty(node.getStatus().getAddresses());
        return addresses.stream().filter(a -> type.equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse("<none>");
    }

    private static NodeSystemInfo info(Node node) {
        return node.getStatus() == null || node.getStatus().getNodeInfo() == null ? new NodeSystemInfo()
                : node.getStatus().getNodeInfo();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String unknown(String value) {
        return value == null || value.isEmpty() ? "<unknown>" : value;
    }
}
