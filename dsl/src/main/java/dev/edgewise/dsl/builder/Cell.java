package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.CellSpec;
import java.util.List;

/** {@code model.cell:} (model kind crnn) the recurrent cell shared by all nodes. */
public final class Cell extends Section<Cell> {

    Cell(SpecNode node) {
        super(node, CellSpec.class);
    }

    /** Widths of the hidden dense layers, e.g. {@code hidden(50, 8)}. */
    public Cell hidden(int... widths) {
        return set("hidden", widths);
    }

    public Cell hidden(List<Integer> widths) {
        return set("hidden", widths);
    }
}
