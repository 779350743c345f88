package dev.edgewise.engine.search;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.DeviceSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SearchDevice;
import dev.edgewise.dsl.sweep.SweepPoint;
import dev.edgewise.engine.device.Budgeted;
import dev.edgewise.engine.device.DevicePresets;
import dev.edgewise.engine.device.ModelFootprint;
import dev.edgewise.engine.device.RoleBudget;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyRegistry;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.quant.WeightPrecision;
import dev.edgewise.engine.run.CompiledExperiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compile stage of a search: every configuration compiled (the family's checks) and, with a
 * device, its role's footprint from the family ({@link Budgeted}) held against the device's RAM,
 * flash and operations. Nothing trains here.
 */
public final class DeviceFilter {

    /** Rejection reasons, as counted on the parent run ({@code rejected_<reason>}). */
    public static final List<String> REASONS = List.of("compile", "ram", "flash", "ops");

    /**
     * One configuration after the compile stage.
     *
     * @param reasons why it was rejected (empty: it passed)
     * @param detail the first problem or the overrun, for people
     * @param bytes the role's weights on the device in bytes (flash), or -1 when not known
     * @param macs multiply-accumulates of one inference of the role, or -1 when not known
     */
    public record Screened(SweepPoint configuration, List<String> reasons, String detail, long parameters, long bytes, long ramBytes, long macs) {

        public boolean passed() {
            return reasons.isEmpty();
        }
    }

    private DeviceFilter() {}

    public static List<Screened> screen(ExperimentSource source, TopologyRegistry topologies, DatasetRegistry datasets) {
        ExperimentSpec base = source.base().spec();
        SearchDevice device = base.search().device();
        List<Screened> out = new ArrayList<>();
        for (SweepPoint point : source.points()) {
            ExperimentSpec spec = point.loaded().spec();
            try {
                CompiledExperiment.compile(point.loaded(), topologies, datasets);
            } catch (SpecException e) {
                String first = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message();
                out.add(new Screened(point, List.of("compile"), first, -1, -1, -1, -1));
                continue;
            }
            ModelFamily<?> family = FamilyRegistry.of(spec.model());
            if (!(family instanceof Budgeted budgeted)) {
                if (device != null) {
                    throw problem(source.base(), "$.search.device", "model kind " + family.kind()
                            + " does not say what its roles need on a device, so the search cannot filter by one",
                            "remove search.device, or search a model kind that does (codec, lstm, split)");
                }
                out.add(new Screened(point, List.of(), "", -1, -1, -1, -1));
                continue;
            }
            DataShape shape = CompiledExperiment.shape(datasets, spec.data().source());
            Map<String, ModelFootprint> footprints = budgeted.footprints(spec, shape);
            String role = device != null ? device.role() : footprints.keySet().iterator().next();
            ModelFootprint footprint = footprints.get(role);
            if (footprint == null) {
                throw problem(source.base(), "$.search.device.role", "model kind " + family.kind() + " has no role '" + role + "'",
                        "its roles: " + String.join(", ", footprints.keySet()));
            }
            WeightPrecision precision = device != null && device.weightBits() != null ? new WeightPrecision(device.weightBits(), false)
                    : budgeted.precision(spec, role);
            DeviceSpec limits = device == null ? new DeviceSpec(Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2, null, null)
                    : limits(source.base(), spec, device);
            RoleBudget budget = RoleBudget.of(role, device == null || device.name() == null ? "the search's device" : device.name(), limits, false,
                    precision, footprint, spec.training());
            List<String> reasons = new ArrayList<>();
            List<String> detail = new ArrayList<>();
            if (device != null) {
                if (!budget.fitsRam()) {
                    reasons.add("ram");
                    detail.add("RAM " + RoleBudget.kib(budget.ramBytes()) + " > " + RoleBudget.kib(limits.heapBytes()));
                }
                if (!budget.fitsFlash()) {
                    reasons.add("flash");
                    detail.add("flash " + RoleBudget.kib(budget.flashBytes()) + " > " + RoleBudget.kib(limits.flashBytes()));
                }
                if (device.mmacs() != null && footprint.macs() > device.mmacs() * 1e6) {
                    reasons.add("ops");
                    detail.add(String.format("%.2f M MACs > %.2f M", footprint.macs() / 1e6, device.mmacs()));
                }
            }
            out.add(new Screened(point, List.copyOf(reasons), String.join("; ", detail), footprint.parameters(), budget.flashBytes(),
                    budget.ramBytes(), footprint.macs()));
        }
        return out;
    }

    private static DeviceSpec limits(LoadedSpec base, ExperimentSpec spec, SearchDevice device) {
        DeviceSpec named = null;
        if (device.name() != null) {
            named = spec.devices() != null ? DevicePresets.resolve(spec.devices(), device.name()) : DevicePresets.presets().get(device.name());
            if (named == null) {
                Set<String> names = new TreeSet<>(spec.devices() != null ? DevicePresets.names(spec.devices()) : DevicePresets.presets().keySet());
                String nearest = Names.nearest(device.name(), names);
                throw problem(base, "$.search.device.name", "unknown device '" + device.name() + "'",
                        (nearest != null ? "did you mean '" + nearest + "'? " : "") + "devices: " + String.join(", ", names)
                                + "; or give ram_kb and flash_kb");
            }
        }
        int heap = device.ramKb() != null ? device.ramKb() : named.heapKb();
        int flash = device.flashKb() != null ? device.flashKb() : named.flashKb();
        return new DeviceSpec(Math.max(heap, named == null ? heap : named.sramKb()), heap, flash, null, null);
    }

    private static SpecException problem(LoadedSpec base, String path, String message, String hint) {
        SpecProblem problem = base.sources().problem(path, message, hint);
        return new SpecException(List.of(problem));
    }
}
