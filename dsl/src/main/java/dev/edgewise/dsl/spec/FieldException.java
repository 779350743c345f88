package dev.edgewise.dsl.spec;

/**
 * A spec record's own check failed because of one of its keys: thrown from a compact constructor
 * so that the binder reports it at that key's value, with a hint, rather than at the whole
 * section (or at 1:1 for the top level).
 */
public final class FieldException extends IllegalArgumentException {

    private final String field;
    private final String hint;

    /**
     * @param field the key as written in YAML (snake_case), e.g. {@code name}
     * @param hint how to fix it, or null
     */
    public FieldException(String field, String message, String hint) {
        super(message);
        this.field = field;
        this.hint = hint;
    }

    public String field() {
        return field;
    }

    public String hint() {
        return hint;
    }
}
