package dev.edgewise.engine.device;

import dev.edgewise.dsl.spec.DeviceSpec;
import dev.edgewise.dsl.spec.DevicesSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named devices a spec may place a role on without defining them. SRAM and flash are the
 * parts' data-sheet figures; the heap (what a model may use) is a pinned assumption of what the
 * firmware, stacks and radio leave: the ESP32's ~320 KiB is what ESP-IDF reports free on a WROOM
 * module with Wi-Fi off; the others are the SRAM less a comparable share, and should be measured on
 * the board before a decision rests on them. Presets carry no energy figures: a spec that wants the
 * energy model (the lstm family's, when split across devices) defines its device with mac_nj and
 * radio_nj_per_byte under devices.catalogue, so every figure it rests on is written in the file.
 */
public final class DevicePresets {

    private static final Map<String, DeviceSpec> PRESETS = new LinkedHashMap<>();

    static {
        // Espressif ESP32 (WROOM-32): 520 KiB SRAM, 4 MiB flash.
        PRESETS.put("esp32", new DeviceSpec(520, 320, 4096, null, null));
        // Nordic nRF52840: 256 KiB RAM, 1 MiB flash (a BLE stack takes a share of the RAM).
        PRESETS.put("nrf52840", new DeviceSpec(256, 192, 1024, null, null));
        // ST STM32F407: 192 KiB SRAM (128 KiB main + 64 KiB CCM), 1 MiB flash.
        PRESETS.put("stm32f4", new DeviceSpec(192, 128, 1024, null, null));
        // Kendryte K210-class accelerator board: 8 MiB SRAM (6 MiB general, 2 MiB for the KPU), 16 MiB flash.
        PRESETS.put("k210", new DeviceSpec(8192, 6144, 16384, null, null));
    }

    private DevicePresets() {}

    public static Map<String, DeviceSpec> presets() {
        return java.util.Collections.unmodifiableMap(PRESETS);
    }

    /** The device named {@code name}: the spec's catalogue first, then the presets; null if neither has it. */
    public static DeviceSpec resolve(DevicesSpec devices, String name) {
        DeviceSpec own = devices.catalogue().get(name);
        return own != null ? own : PRESETS.get(name);
    }

    /** Every name a role may use in {@code devices}. */
    public static java.util.Set<String> names(DevicesSpec devices) {
        java.util.Set<String> names = new java.util.TreeSet<>(PRESETS.keySet());
        names.addAll(devices.catalogue().keySet());
        return names;
    }
}
