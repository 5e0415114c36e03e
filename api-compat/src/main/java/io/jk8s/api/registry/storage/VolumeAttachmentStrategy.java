package io.jk8s.api.registry.storage;

import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSource;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSpec;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentStatus;
import io.fabric8.kubernetes.api.model.storage.VolumeError;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * VolumeAttachments (pkg/registry/storage/volumeattachment/strategy.go): a request to attach a
 * volume to a node, written by the attach/detach controller; the attacher reports through status.
 */
public final class VolumeAttachmentStrategy implements Strategy<VolumeAttachment> {

    /** Go's VolumeAttachmentStatus is a struct whose {@code attached} is always written. */
    @Override
    public void prepareForCreate(VolumeAttachment attachment) {
        attachment.setStatus(new VolumeAttachmentStatus(null, false, null, null));
    }

    @Override
    public void prepareForStatusUpdate(VolumeAttachment attachment, VolumeAttachment old) {
        if (attachment.getStatus() == null) {
            attachment.setStatus(new VolumeAttachmentStatus(null, false, null, null));
        } else if (attachment.getStatus().getAttached() == null) {
            attachment.getStatus().setAttached(false);
        }
    }

    /** ValidateVolumeAttachment and ValidateVolumeAttachmentV1. */
    @Override
    public List<FieldError> validate(VolumeAttachment attachment) {
        VolumeAttachmentSpec spec = spec(attachment);
        List<FieldError> errors = new ArrayList<>();
        if (spec.getAttacher() == null || spec.getAttacher().isEmpty()) {
            errors.add(FieldError.required("spec.attacher", ""));
        }
        VolumeAttachmentSource source = spec.getSource() == null ? new VolumeAttachmentSource() : spec.getSource();
        String pv = source.getPersistentVolumeName();
        if (source.getInlineVolumeSpec() == null && pv == null) {
            errors.add(FieldError.required("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        } else if (source.getInlineVolumeSpec() != null && pv != null) {
            errors.add(FieldError.forbidden("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        } else if (pv != null && pv.isEmpty()) {
            errors.add(FieldError.required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
        }
        String node = spec.getNodeName() == null ? "" : spec.getNodeName();
        NameRule.DNS1123_SUBDOMAIN.check(node).forEach(problem -> errors.add(FieldError.invalid("spec.nodeName", node, problem)));
        errors.addAll(validateStatus(attachment.getStatus()));
        if (spec.getAttacher() != null && !spec.getAttacher().isEmpty()) {
            CsiDriverName.validate(spec.getAttacher(), "spec.attacher", errors);
        }
        if (pv != null && !pv.isEmpty()) {
            NameRule.DNS1123_SUBDOMAIN.check(pv)
                    .forEach(problem -> errors.add(FieldError.invalid("spec.source.persistentVolumeName", pv, problem)));
        }
        return errors;
    }

    /** ValidateVolumeAttachmentUpdate: the spec is read-only. */
    @Override
    public List<FieldError> validateUpdate(VolumeAttachment attachment, VolumeAttachment old) {
        List<FieldError> errors = validate(attachment);
        if (!Objects.equals(spec(attachment), spec(old))) {
            errors.add(FieldError.invalidRaw("spec", goValue(spec(attachment)), "field is immutable"));
        }
        return errors;
    }

    @Override
    public List<FieldError> validateStatusUpdate(VolumeAttachment attachment, VolumeAttachment old) {
        return validate(attachment);
    }

    /** The spec as Go's %#v prints it; its pointers print as addresses, which differ per run upstream. */
    private static String goValue(VolumeAttachmentSpec spec) {
        VolumeAttachmentSource source = spec.getSource() == null ? new VolumeAttachmentSource() : spec.getSource();
        return "storage.VolumeAttachmentSpec{Attacher:" + GoValues.quote(spec.getAttacher() == null ? "" : spec.getAttacher())
                + ", Source:storage.VolumeAttachmentSource{PersistentVolumeName:(*string)("
                + (source.getPersistentVolumeName() == null ? "nil" : "0xc000a1b2c0") + "), InlineVolumeSpec:(*core.PersistentVolumeSpec)("
                + (source.getInlineVolumeSpec() == null ? "nil" : "0xc000a1b2d0") + ")}, NodeName:"
                + GoValues.quote(spec.getNodeName() == null ? "" : spec.getNodeName()) + "}";
    }

    private static List<FieldError> validateStatus(VolumeAttachmentStatus status) {
        List<FieldError> errors = new ArrayList<>();
        if (status == null) {
            return errors;
        }
        volumeError(status.getAttachError(), "status.attachError", errors);
        volumeError(status.getDetachError(), "status.detachError", errors);
        return errors;
    }

    private static void volumeError(VolumeError error, String path, List<FieldError> errors) {
        if (error != null && error.getErrorCode() != null && error.getErrorCode() < 0) {
            errors.add(FieldError.invalid(path + ".errorCode", error.getErrorCode(), "must be between 0 and 2147483647, inclusive"));
        }
    }

    /** printers.go printVolumeAttachment. */
    @Override
    public List<TableColumn<VolumeAttachment>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Attacher", "string", "attacher indicates the name of the volume driver that MUST handle this "
                        + "request. This is the name returned by GetPluginName().", (a, now) -> spec(a).getAttacher()),
                TableColumn.of("PV", "string", "persistentVolumeName represents the name of the persistent volume to attach.",
                        (a, now) -> spec(a).getSource() == null || spec(a).getSource().getPersistentVolumeName() == null ? ""
                                : spec(a).getSource().getPersistentVolumeName()),
                TableColumn.of("Node", "string", "nodeName represents the node that the volume should be attached to.",
                        (a, now) -> spec(a).getNodeName()),
                TableColumn.of("Attached", "boolean", "attached indicates the volume is successfully attached. This field must "
                        + "only be set by the entity completing the attach operation, i.e. the external-attacher.",
                        (a, now) -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAttached())),
                StandardColumns.age());
    }

    private static VolumeAttachmentSpec spec(VolumeAttachment attachment) {
        return attachment.getSpec() == null ? new VolumeAttachmentSpec() : attachment.getSpec();
    }
}
