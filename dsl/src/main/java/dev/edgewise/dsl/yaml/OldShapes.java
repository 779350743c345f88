package dev.edgewise.dsl.yaml;

import java.util.List;

/**
 * Keys that files written before sections became chosen by kind still hold, each with the key that
 * replaced it. Kept as one table so that the binder's old-shape messages, and the tests that pin
 * them, read from the same place; a future rename is one more row.
 */
final class OldShapes {

    /** What a row matches: a key the record no longer has, or a scalar where a mapping is now expected. */
    enum Shape {
        KEY,
        SCALAR
    }

    /**
     * One retired shape.
     *
     * @param path the binder's field path; {@code *} stands for any one key
     * @param shape which mistake the row explains
     * @param message what changed, naming the new key
     * @param hint how to write it now; {@code %s} is replaced by the value written, for scalars
     */
    record Row(String path, Shape shape, String message, String hint) {

        boolean matches(String fieldPath, Shape found) {
            if (found != shape) {
                return false;
            }
            String[] want = path.split("\\.");
            String[] have = fieldPath.split("\\.");
            if (want.length != have.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                if (!want[i].equals("*") && !want[i].equals(have[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    static final List<Row> ROWS = List.of(
            new Row("$.model.roles", Shape.KEY,
                    "model kind split has 'sensor' and 'base' directly (roles is gone)",
                    "write model: {kind: split, sensor: {...}, base: {...}}"),
            new Row("$.links.lost", Shape.KEY,
                    "'lost' moved to exchange.lost (a key of exchange kind upward)",
                    "write it under exchange: {kind: upward, lost: ...}"),
            new Row("$.loss.communication_budget", Shape.KEY,
                    "'communication_budget' moved to loss.terms.communication.budget",
                    "write loss: {terms: {communication: {weight: ..., budget: ...}}}"),
            new Row("$.loss.communication_temperature", Shape.KEY,
                    "'communication_temperature' moved to loss.terms.communication.temperature",
                    "write loss: {terms: {communication: {weight: ..., temperature: ...}}}"),
            new Row("$.loss.communication_start", Shape.KEY,
                    "'communication_start' moved to loss.terms.communication.start",
                    "write loss: {terms: {communication: {weight: ..., start: ...}}}"),
            new Row("$.loss.communication_ramp", Shape.KEY,
                    "'communication_ramp' moved to loss.terms.communication.ramp",
                    "write loss: {terms: {communication: {weight: ..., ramp: ...}}}"),
            new Row("$.loss.terms.*", Shape.SCALAR,
                    "a loss term is a mapping of its settings now, not a bare weight",
                    "write {weight: %s}"));

    private OldShapes() {}

    /** The row explaining {@code found} at {@code fieldPath}, or null when it is not a retired shape. */
    static Row find(String fieldPath, Shape found) {
        for (Row row : ROWS) {
            if (row.matches(fieldPath, found)) {
                return row;
            }
        }
        return null;
    }
}
