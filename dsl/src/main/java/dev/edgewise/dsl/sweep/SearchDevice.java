package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.spec.Default;
import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.FieldException;
import dev.edgewise.dsl.spec.Range;
import java.util.Objects;

@Doc("The device one role of the model must fit: a device by name (a preset such as k210 or esp32, or one in"
        + " devices.catalogue), or inline limits. A configuration over any limit is rejected before training.")
public record SearchDevice(
        @Doc("The family's role that runs on the device (codec: camera or gateway; split: sensor or base; lstm: sensor).")
        String role,
        @Doc("A device from the presets or devices.catalogue; its heap and flash are the limits. Absent: give ram_kb and flash_kb.")
        @Default("~")
        String name,
        @Doc("RAM the model may use, KiB (overrides the named device's heap).") @Default("~") @Range(min = 1)
        Integer ramKb,
        @Doc("Flash for the weights, KiB (overrides the named device's flash).") @Default("~") @Range(min = 1)
        Integer flashKb,
        @Doc("Most multiply-accumulates of one inference, in millions. Absent: not limited.") @Default("~") @Range(min = 0)
        Double mmacs,
        @Doc("Bits each weight is stored in on the device (32, 16, 8 or 4). Absent: the family's own precision.")
        @Default("~")
        Integer weightBits) {

    public SearchDevice {
        Objects.requireNonNull(role, "role");
        if (name == null && (ramKb == null || flashKb == null)) {
            throw new FieldException("name", "a search device needs a name, or both ram_kb and flash_kb",
                    "e.g. device: {role: camera, name: k210}, or {role: camera, ram_kb: 6144, flash_kb: 16384}");
        }
        if (weightBits != null && weightBits != 32 && weightBits != 16 && weightBits != 8 && weightBits != 4) {
            throw new FieldException("weight_bits", "weight_bits must be 32, 16, 8 or 4, got " + weightBits, "use 32, 16, 8 or 4");
        }
    }
}
