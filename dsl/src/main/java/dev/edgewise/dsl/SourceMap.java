package dev.edgewise.dsl;

import java.util.Map;

/**
 * Where each field of a spec was written, by field path ({@code $.topology.graph}). Lets later
 * stages (compiling against the catalog) report a mistake at the line that caused it.
 */
public record SourceMap(String file, Map<String, SourcePosition> positions) {

    public static final SourceMap NONE = new SourceMap("<builder>", Map.of());

    public SourceMap {
        positions = Map.copyOf(positions);
    }

    /** The position of {@code path}, or of its nearest enclosing field that has one. */
    public SourcePosition positionOf(String path) {
        String probe = path;
        while (probe != null) {
            SourcePosition found = positions.get(probe);
            if (found != null) {
                return found;
            }
            probe = parent(probe);
        }
        return null;
    }

    public SpecProblem problem(String path, String message, String hint) {
        return new SpecProblem(positionOf(path), path, message, hint);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
