package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One {@code key.path=value} set on top of a spec file: from the command line
 * ({@code edgewise run FILE training.epochs=2}) or from a CI entry. The value is YAML, typed like
 * the file ({@code 8} is an integer, {@code "8"} a string, {@code [50, 8]} a list), so the binder
 * checks it exactly as it checks the file and any mistake names the override.
 *
 * @param path the dotted path, e.g. {@code topology.nodes}
 * @param segments the keys along the path; under {@code sweep.grid} and {@code sweep.random} the rest
 *     of the path is one key, since those keys are themselves dotted paths
 * @param value the value as a node without positions
 * @param text how the override was written, for messages
 */
public record SpecOverride(String path, List<String> segments, Node value, String text) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    public SpecOverride {
        segments = List.copyOf(segments);
    }

    /** Parses {@code key.path=value}; a malformed one is a {@link SpecException} naming it. */
    public static SpecOverride parse(String argument) {
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            throw new SpecException(new SpecProblem(null, "", "override '" + argument + "' is not key.path=value",
                    "write e.g. training.epochs=2 (spec paths are the YAML keys joined with dots)"));
        }
        String path = argument.substring(0, eq).strip();
        String valueText = argument.substring(eq + 1);
        List<String> segments = segments(path, argument);
        Node value;
        try {
            value = YamlSpecReader.compose(valueText.isBlank() ? "''" : valueText, "override " + argument);
        } catch (SpecException e) {
            String why = e.problems().get(0).message();
            throw new SpecException(new SpecProblem(null, "", "override " + argument + ": the value is not valid YAML (" + why + ")",
                    "quote the value for the shell and YAML alike, e.g. key='\"text: with colon\"'"));
        }
        return new SpecOverride(path, segments, SpecTree.unmarked(value), argument);
    }

    /** An override from a value already read from YAML (a CI entry's {@code overrides:} mapping). */
    public static SpecOverride of(String path, Object value) {
        return of(path, value, null);
    }

    /**
     * As {@link #of(String, Object)}, saying where it was written ({@code ci/quickstart.yaml:6:20}),
     * so a problem with it points there.
     */
    public static SpecOverride of(String path, Object value, String origin) {
        Node node = SpecTree.of(value, null);
        String text = path + "=" + SpecTree.text(node) + (origin == null ? "" : " (" + origin + ")");
        return new SpecOverride(path, segments(path, text), node, text);
    }

    public static List<SpecOverride> parseAll(List<String> arguments) {
        List<SpecOverride> out = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        for (String argument : arguments) {
            try {
                out.add(parse(argument));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return out;
    }

    /** The binder's field path of this override, e.g. {@code $.topology.nodes}. */
    String fieldPath() {
        return fieldPath(segments);
    }

    static String fieldPath(List<String> segments) {
        StringBuilder out = new StringBuilder("$");
        for (String key : segments) {
            // The binder's spelling: .key for plain words, ['key'] for anything else.
            out.append(key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? "." + key : "['" + key + "']");
        }
        return out.toString();
    }

    private static List<String> segments(String path, String argument) {
        List<String> parts = Arrays.asList(path.split("\\.", -1));
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i == 2 && parts.get(0).equals("sweep") && (parts.get(1).equals("grid") || parts.get(1).equals("random"))) {
                segments.add(String.join(".", parts.subList(2, parts.size())));
                break;
            }
            if (!KEY.matcher(part).matches()) {
                throw new SpecException(new SpecProblem(null, "", "override " + argument + ": '" + path + "' is not a spec path",
                        "a spec path is YAML keys joined with dots, e.g. model.extractor.pretrain.epochs"));
            }
            segments.add(part);
        }
        return segments;
    }
}
