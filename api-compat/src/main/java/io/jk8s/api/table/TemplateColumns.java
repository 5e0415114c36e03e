package io.jk8s.api.table;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.function.Function;

/**
 * The wide columns every workload prints for its pod template (printers.go's layoutContainerCells):
 * container names and images, comma-joined.
 */
public final class TemplateColumns {

    private TemplateColumns() {}

    public static <T> TableColumn<T> containers(Function<T, PodTemplateSpec> template) {
        return TableColumn.<T>of("Containers", "string", "Names of each container in the template.",
                (o, now) -> join(template.apply(o), Container::getName)).priority(1);
    }

    public static <T> TableColumn<T> images(Function<T, PodTemplateSpec> template) {
        return TableColumn.<T>of("Images", "string", "Images referenced by each container in the template.",
                (o, now) -> join(template.apply(o), Container::getImage)).priority(1);
    }

    /** A wide Selector column; {@code selector} returns the already formatted selector. */
    public static <T> TableColumn<T> selector(String description, Function<T, String> selector) {
        return TableColumn.<T>of("Selector", "string", description, (o, now) -> selector.apply(o)).priority(1);
    }

    static String join(PodTemplateSpec template, Function<Container, String> field) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return "";
        }
        List<Container> containers = template.getSpec().getContainers();
        return String.join(",", containers.stream().map(field).map(v -> v == null ? "" : v).toList());
    }
}
