package dev.edgewise.engine.device;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.DeviceSpec;
import dev.edgewise.dsl.spec.DevicesSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PlacementSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.ModelFamily;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks, before anything trains, that every role placed in {@code devices.roles} fits its
 * device; a role that does not is a problem at its key that says by how much and, for each key
 * that sizes the model, the largest value that would fit.
 */
public final class DeviceCheck {

    private DeviceCheck() {}

    /** The budgets of the spec's placed roles; empty without a devices section. Assumes {@link #check} passed. */
    public static List<RoleBudget> budgets(ExperimentSpec spec, ModelFamily<?> family, DataShape data) {
        DevicesSpec devices = spec.devices();
        if (devices == null || !(family instanceof Budgeted budgeted)) {
            return List.of();
        }
        Map<String, ModelFootprint> footprints = budgeted.footprints(spec, data);
        List<RoleBudget> budgets = new ArrayList<>();
        devices.roles().forEach((role, placement) -> budgets.add(budget(spec, budgeted, role, placement, footprints.get(role))));
        return budgets;
    }

    private static RoleBudget budget(ExperimentSpec spec, Budgeted family, String role, PlacementSpec placement, ModelFootprint footprint) {
        DeviceSpec device = DevicePresets.resolve(spec.devices(), placement.device());
        return RoleBudget.of(role, placement.device(), device, placement.training(), family.precision(spec, role), footprint, spec.training());
    }

    public static void check(LoadedSpec loaded, ModelFamily<?> family, Supplier<DataShape> data, List<SpecProblem> problems) {
        ExperimentSpec spec = loaded.spec();
        DevicesSpec devices = spec.devices();
        if (devices == null) {
            return;
        }
        if (!(family instanceof Budgeted budgeted)) {
            problems.add(loaded.sources().problem("$.devices", "model kind " + family.kind() + " does not say what its roles need on a device",
                    "remove devices, or use a model kind that does (codec, crnn, jpeg, lstm, split)"));
            return;
        }
        Map<String, ModelFootprint> footprints = budgeted.footprints(spec, data.get());
        for (Map.Entry<String, PlacementSpec> entry : devices.roles().entrySet()) {
            String role = entry.getKey();
            String path = "$.devices.roles." + role;
            if (!footprints.containsKey(role)) {
                problems.add(loaded.sources().problem(path, "model kind " + family.kind() + " has no role '" + role + "'",
                        "its roles: " + String.join(", ", footprints.keySet())));
                continue;
            }
            String name = entry.getValue().device();
            if (DevicePresets.resolve(devices, name) == null) {
                String nearest = Names.nearest(name, DevicePresets.names(devices));
                problems.add(loaded.sources().problem(path + ".device", "unknown device '" + name + "'",
                        (nearest != null ? "did you mean '" + nearest + "'? " : "") + "devices: " + String.join(", ", DevicePresets.names(devices))
                                + "; or define it under devices.catalogue"));
                continue;
            }
            RoleBudget budget = budget(spec, budgeted, role, entry.getValue(), footprints.get(role));
            if (!budget.fits()) {
                problems.add(loaded.sources().problem(path, overrun(budget), fitting(spec, budgeted, data.get(), budget)));
            }
        }
    }

    /** What does not fit and by how much, with the parts of the sum. */
    static String overrun(RoleBudget b) {
        List<String> over = new ArrayList<>();
        String what = b.training() ? "to train on " : "to run on ";
        if (!b.fitsRam()) {
            over.add("the " + b.role() + "'s model needs " + RoleBudget.kib(b.ramBytes()) + " of RAM " + what + b.deviceName() + " (heap "
                    + RoleBudget.kib(b.device().heapBytes()) + "): " + RoleBudget.kib(b.ramBytes() - b.device().heapBytes()) + " over ("
                    + ramParts(b) + ")");
        }
        if (!b.fitsFlash()) {
            over.add("the " + b.role() + "'s weights take " + RoleBudget.kib(b.flashBytes()) + " of flash at " + b.precision().label() + " on "
                    + b.deviceName() + " (flash " + RoleBudget.kib(b.device().flashBytes()) + "): "
                    + RoleBudget.kib(b.flashBytes() - b.device().flashBytes()) + " over");
        }
        return String.join("; ", over);
    }

    static String ramParts(RoleBudget b) {
        List<String> parts = new ArrayList<>();
        if (b.training()) {
            parts.add("float32 weights " + RoleBudget.kib(b.masterWeightBytes()));
            parts.add("gradients " + RoleBudget.kib(b.gradientBytes()));
            parts.add("optimizer state " + RoleBudget.kib(b.optimizerBytes()));
            parts.add("activations kept for BPTT " + RoleBudget.kib(b.activationBytes()));
        } else {
            parts.add("input buffer " + RoleBudget.kib(b.inputBytes()));
            parts.add("activations " + RoleBudget.kib(b.activationBytes()));
        }
        return String.join(", ", parts);
    }

    /** For each key that sizes the role's model, the largest value (below the current one) at which it fits. */
    static String fitting(ExperimentSpec spec, Budgeted family, DataShape data, RoleBudget budget) {
        List<String> options = new ArrayList<>();
        for (Budgeted.Knob knob : family.knobs(spec, data, budget.role())) {
            int largest = largestFitting(knob, budget);
            String key = knob.path().substring(2);
            options.add(largest < 1 ? "no " + key + " fits" : key + ": " + largest);
        }
        return options.isEmpty() ? "use a larger device, or a smaller model" : "largest that fits, one key at a time: "
                + String.join(" or ", options) + " (or a larger device)";
    }

    /** The largest value in [1, current) at which the role fits (memory grows with the key), or 0 when none does. */
    public static int largestFitting(Budgeted.Knob knob, RoleBudget budget) {
        int low = 0;
        int high = knob.current();
        // Invariant: low fits (or is 0), high does not.
        while (high - low > 1) {
            int mid = low + (high - low) / 2;
            RoleBudget at = new RoleBudget(budget.role(), budget.deviceName(), budget.device(), budget.training(), budget.precision(),
                    knob.footprint().apply(mid), budget.optimizerCopies());
            if (at.fits()) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Modes a capacity is reported for: inference, and training with each optimizer's state (copies of the parameters). */
    private static final Map<String, Integer> MODES = new java.util.LinkedHashMap<>();

    static {
        MODES.put("infer", -1);
        MODES.put("sgd", 0);
        MODES.put("momentum", 1);
        MODES.put("adam", 2);
    }

    /**
     * For each placed role and each key that sizes it, the largest value that fits its device, for
     * inference and for on-device training with sgd, sgd with momentum and adam, the other keys as
     * the spec has them: metrics {@code <role>_fit_<key>_<mode>} (e.g. {@code sensor_fit_hidden_adam}),
     * 0 when no value fits. Found by doubling then bisection (memory grows with each key), up to 2^20.
     */
    public static Map<String, Double> capacities(ExperimentSpec spec, ModelFamily<?> family, DataShape data) {
        Map<String, Double> metrics = new java.util.LinkedHashMap<>();
        for (RoleBudget budget : budgets(spec, family, data)) {
            for (Budgeted.Knob knob : ((Budgeted) family).knobs(spec, data, budget.role())) {
                String key = knob.path().substring(knob.path().lastIndexOf('.') + 1);
                MODES.forEach((mode, copies) -> {
                    RoleBudget at = new RoleBudget(budget.role(), budget.deviceName(), budget.device(), copies >= 0, budget.precision(),
                            budget.footprint(), Math.max(0, copies));
                    metrics.put(budget.role() + "_fit_" + key + "_" + mode, (double) largest(knob, at));
                });
            }
        }
        return metrics;
    }

    /** The metric names {@link #capacities} gives for a role with these knob keys. */
    public static List<String> capacityNames(String role, List<String> keys) {
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            for (String mode : MODES.keySet()) {
                names.add(role + "_fit_" + key + "_" + mode);
            }
        }
        return names;
    }

    private static int largest(Budgeted.Knob knob, RoleBudget budget) {
        int cap = 1 << 20;
        int high = 1;
        while (high <= cap && fitsAt(knob, budget, high)) {
            high *= 2;
        }
        if (high == 1) {
            return 0;
        }
        if (high > cap) {
            return cap;
        }
        return largestFitting(new Budgeted.Knob(knob.path(), high, knob.footprint()), budget);
    }

    private static boolean fitsAt(Budgeted.Knob knob, RoleBudget budget, int value) {
        return new RoleBudget(budget.role(), budget.deviceName(), budget.device(), budget.training(), budget.precision(),
                knob.footprint().apply(value), budget.optimizerCopies()).fits();
    }

    /** The budget table of {@code edgewise inspect}: one row per placed role. */
    public static void table(PrintWriter out, List<RoleBudget> budgets) {
        if (budgets.isEmpty()) {
            return;
        }
        out.println("Device budgets (bytes; KiB = 1,024 bytes)");
        out.println();
        out.println("| role | device | mode | weights | flash used / flash | RAM used / heap | RAM parts | fits |");
        out.println("|---|---|---|---|---:|---:|---|---|");
        for (RoleBudget b : budgets) {
            out.printf("| %s | %s | %s | %s | %,d / %,d | %,d / %,d | %s | %s |%n", b.role(), b.deviceName(), b.training() ? "train" : "infer",
                    b.precision().label(), b.flashBytes(), b.device().flashBytes(), b.ramBytes(), b.device().heapBytes(), ramParts(b),
                    b.fits() ? "yes" : "**no**");
        }
        out.println();
    }
}
