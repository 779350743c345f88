package dev.edgewise.dsl;

/**
 * One user mistake in a spec: where it is, which field, what is wrong, and how to fix it.
 *
 * @param position where the offending text starts (null when the spec was not read from a file)
 * @param path the field path, as {@code $.data.train_samples} or {@code $.topology.edges[2]}
 * @param message what was expected and what was found
 * @param hint how to fix it, or null
 */
public record SpecProblem(SourcePosition position, String path, String message, String hint) {

    /** {@code file:line:column: message (at $.path)} with the hint on the next line. */
    public String format() {
        StringBuilder out = new StringBuilder();
        if (position != null) {
            out.append(position).append(": ");
        }
        out.append(message);
        if (path != null && !path.isEmpty()) {
            out.append(" (at ").append(path).append(')');
        }
        if (hint != null && !hint.isEmpty()) {
            out.append(System.lineSeparator()).append("  hint: ").append(hint);
        }
        return out.toString();
    }
}
