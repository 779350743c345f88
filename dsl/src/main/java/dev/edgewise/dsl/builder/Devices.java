package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.DevicesSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code devices:} the devices defined beside the presets, and which role runs on which:
 * {@code .devices(d -> d.roles(Map.of("sensor", Devices.on("esp32", true))))}.
 */
public final class Devices extends Section<Devices> {

    Devices(SpecNode node) {
        super(node, DevicesSpec.class);
    }

    /** Devices by name, each as its keys ({@link #device}). */
    public Devices catalogue(Map<String, Map<String, Object>> devices) {
        return set("catalogue", devices);
    }

    /** Role to placement ({@link #on}). */
    public Devices roles(Map<String, Map<String, Object>> roles) {
        return set("roles", roles);
    }

    /** A placement: the device's name, and whether the role also trains there. */
    public static Map<String, Object> on(String device, boolean training) {
        Map<String, Object> placement = new LinkedHashMap<>();
        placement.put("device", device);
        placement.put("training", training);
        return placement;
    }

    /** A device definition, in KiB. */
    public static Map<String, Object> device(int sramKb, int heapKb, int flashKb) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("sram_kb", sramKb);
        device.put("heap_kb", heapKb);
        device.put("flash_kb", flashKb);
        return device;
    }
}
