package dev.edgewise.dsl.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The devices of an experiment and which role runs on which. Family-neutral: each family says what
 * its roles are and what each needs; the engine checks the need against the device before training.
 */
@Doc("The microcontrollers the roles run on. Presets: esp32 (520 KiB SRAM, 320 KiB heap, 4 MiB flash), nrf52840 (256 KiB"
        + " SRAM, 192 KiB heap, 1 MiB flash), stm32f4 (192 KiB SRAM, 128 KiB heap, 1 MiB flash), k210 (8 MiB SRAM, 6 MiB heap,"
        + " 16 MiB flash; a K210-class accelerator). validate and inspect check, before anything trains, that each role's"
        + " model fits its device.")
public record DevicesSpec(
        @Doc("Devices defined here, by name, beside the presets (a preset's name redefines it).") @Default("{}")
        Map<String, DeviceSpec> catalogue,
        @Doc("Role (the family's: sensor, base, ...) to the device it runs on.")
        Map<String, PlacementSpec> roles) {

    public DevicesSpec {
        catalogue = catalogue == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(catalogue));
        if (roles == null || roles.isEmpty()) {
            throw new FieldException("roles", "devices needs at least one role placed on a device", "e.g. roles: {sensor: {device: esp32}}");
        }
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }
}
