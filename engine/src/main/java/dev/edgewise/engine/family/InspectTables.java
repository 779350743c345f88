package dev.edgewise.engine.family;

import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.catalog.layers.LayerStack;
import java.io.PrintWriter;

/** The Markdown tables every family's {@code inspect} prints: a layer stack, and quantity/value rows. */
public final class InspectTables {

    private InspectTables() {}

    /** One row per layer (input, output, parameters, FLOPs), then the stack's total. */
    public static void stack(PrintWriter out, String title, LayerStack stack, FlopConvention convention) {
        out.println(title);
        out.println();
        out.println("| layer | input | output | params | FLOPs |");
        out.println("|---|---|---|---:|---:|");
        for (LayerStack.LayerAccount layer : stack.account(convention)) {
            out.printf("| %s | %s | %s | %,d | %,d |%n", layer.kind(), layer.input(), layer.output(), layer.parameters(), layer.flops());
        }
        out.printf("| **total** | %s | %s | **%,d** | **%,d** |%n%n", stack.input(), stack.output(), stack.parameters(), stack.flops(convention));
    }

    /** Starts a quantity/value table under {@code title}. */
    public static void quantities(PrintWriter out, String title) {
        out.println(title);
        out.println();
        out.println("| quantity | value |");
        out.println("|---|---:|");
    }

    public static void row(PrintWriter out, String name, long value) {
        out.printf("| %s | %,d |%n", name, value);
    }

    public static void row(PrintWriter out, String name, double value) {
        out.printf("| %s | %s |%n", name, value == Math.rint(value) ? String.format("%,d", (long) value) : String.format("%,.2f", value));
    }

    public static void row(PrintWriter out, String name, String value) {
        out.printf("| %s | %s |%n", name, value);
    }
}
