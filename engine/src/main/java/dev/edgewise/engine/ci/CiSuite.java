package dev.edgewise.engine.ci;

import dev.edgewise.dsl.SourcePosition;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.family.MetricNames;
import dev.edgewise.dsl.sweep.SpecOverride;
import dev.edgewise.dsl.yaml.TreeBinder;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The regression-reproduction suite as declared in {@code ci/}: one {@code <name>.yaml} per entry,
 * optional {@code suite.yaml} settings, references in {@code results/<name>.json}, and the check that
 * every experiment file in {@code experiments/} is covered (or deliberately not, with a reason).
 */
public record CiSuite(Path root, Path ciDir, Path resultsDir, SuiteSettings settings, List<Entry> entries, List<String> uncovered) {

    public static final String SETTINGS_FILE = "suite.yaml";

    /** One entry: its name (the file's base name, also its reference's), file, declaration and expanded source. */
    public record Entry(String name, Path file, CiEntry spec, ExperimentSource source) {

        public Path reference(Path resultsDir) {
            return resultsDir.resolve(name + ".json");
        }
    }

    /** Reads {@code ciDir}; every mistake in any file is a {@link SpecException} with file:line:column. */
    public static CiSuite load(Path ciDir) throws IOException {
        Path dir = ciDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SpecException(new SpecProblem(null, "", "no CI suite folder " + ciDir, "run from the repository root, or pass --suite DIR"));
        }
        Path root = dir.getParent();
        List<SpecProblem> problems = new ArrayList<>();
        SuiteSettings settings = Files.isRegularFile(dir.resolve(SETTINGS_FILE))
                ? bind(dir.resolve(SETTINGS_FILE), root, SuiteSettings.class, problems).value()
                : new SuiteSettings(Map.of(), 900);
        List<Entry> entries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".yaml") && !f.getFileName().toString().equals(SETTINGS_FILE))
                    .sorted().toList();
        }
        for (Path file : files) {
            Bound<CiEntry> bound = bind(file, root, CiEntry.class, problems);
            CiEntry entry = bound.value();
            if (entry == null) {
                continue;
            }
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            Path experiment = root.resolve(entry.experiment()).normalize();
            if (!Files.isRegularFile(experiment)) {
                problems.add(new SpecProblem(bound.positions().get("$.experiment"), "$.experiment",
                        "no experiment file " + entry.experiment(), "paths are relative to the repository root, e.g. experiments/quickstart.yaml"));
                continue;
            }
            List<SpecOverride> overrides = new ArrayList<>();
            entry.overrides().forEach((path, value) -> {
                SourcePosition at = bound.positions().get("$.overrides" + (path.matches("[A-Za-z_][A-Za-z0-9_-]*") ? "." + path : "['" + path + "']"));
                overrides.add(SpecOverride.of(path, value, at != null ? at.toString() : relative(root, file)));
            });
            try {
                ExperimentSource source = ExperimentSource.read(experiment, overrides);
                List<SpecProblem> unknown = MetricNames.problems(source, entry.experiment(), entry.metrics().keySet(), bound.positions(),
                        metric -> "$.metrics" + (metric.matches("[A-Za-z_][A-Za-z0-9_-]*") ? "." + metric : "['" + metric + "']"));
                if (!unknown.isEmpty()) {
                    problems.addAll(unknown);
                    continue;
                }
                entries.add(new Entry(name, file, entry, source));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        if (settings == null) {
            throw new IllegalStateException("settings bind either to a value or to problems");
        }
        return new CiSuite(root, dir, root.resolve("results"), settings, entries, uncovered(root, entries, settings));
    }

    /** Experiment files that no entry runs and {@code not_covered} does not excuse, relative to the root. */
    private static List<String> uncovered(Path root, List<Entry> entries, SuiteSettings settings) throws IOException {
        Path experiments = root.resolve("experiments");
        if (!Files.isDirectory(experiments)) {
            return List.of();
        }
        Set<String> covered = new TreeSet<>();
        for (Entry entry : entries) {
            covered.add(relative(root, root.resolve(entry.spec().experiment()).normalize()));
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(experiments)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = relative(root, file);
                if (!covered.contains(name) && !settings.notCovered().containsKey(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private record Bound<T>(T value, Map<String, SourcePosition> positions) {}

    private static <T> Bound<T> bind(Path file, Path root, Class<T> type, List<SpecProblem> problems) {
        String name = relative(root, file);
        try {
            Node node = YamlSpecReader.compose(YamlSpecReader.readText(file), name);
            TreeBinder binder = new TreeBinder(name);
            T value = binder.bindRoot(node, type);
            if (value == null || !binder.problems().isEmpty()) {
                problems.addAll(binder.problems());
                return new Bound<>(null, Map.of());
            }
            return new Bound<>(value, binder.positions());
        } catch (SpecException e) {
            problems.addAll(e.problems());
            return new Bound<>(null, Map.of());
        }
    }

    /** A path relative to the repository root with forward slashes: how entries and messages name files. */
    static String relative(Path root, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }
}
