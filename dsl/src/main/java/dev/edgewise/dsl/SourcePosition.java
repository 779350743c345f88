package dev.edgewise.dsl;

/** A place in a spec source: file name as the user gave it, 1-based line and column. */
public record SourcePosition(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
