package dev.edgewise.engine.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rows of cells under named columns, written as aligned text for a terminal, Markdown, CSV or JSON.
 * Cells are strings, numbers or null (empty); numbers are shown with enough digits to tell runs
 * apart and kept exact in CSV and JSON.
 */
public final class Table {

    public enum Format {
        TEXT, MD, CSV, JSON;

        /** For picocli: {@code md}, {@code csv}, {@code json}, {@code text}. */
        public static Format parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public Table(String... headers) {
        this(Arrays.asList(headers));
    }

    public Table add(List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(new ArrayList<>(cells));
        return this;
    }

    public Table add(Object... cells) {
        return add(Arrays.asList(cells));
    }

    public List<String> headers() {
        return headers;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    public String render(Format format) {
        return switch (format) {
            case TEXT -> text();
            case MD -> markdown();
            case CSV -> csv();
            case JSON -> json();
        };
    }

    private String text() {
        List<List<String>> cells = shown();
        int[] widths = widths(cells);
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, null, "  ");
        for (int r = 0; r < cells.size(); r++) {
            line(out, cells.get(r), widths, rows.get(r), "  ");
        }
        return out.toString();
    }

    private String markdown() {
        List<List<String>> cells = shown();
        StringBuilder out = new StringBuilder("| ");
        out.append(String.join(" | ", headers.stream().map(Table::escapeMd).toList())).append(" |\n|");
        for (int c = 0; c < headers.size(); c++) {
            out.append(numericColumn(c) ? "---:|" : "---|");
        }
        out.append('\n');
        for (List<String> row : cells) {
            out.append("| ").append(String.join(" | ", row.stream().map(Table::escapeMd).toList())).append(" |\n");
        }
        return out.toString();
    }

    private String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", headers.stream().map(Table::csvField).toList())).append('\n');
        for (List<Object> row : rows) {
            List<String> fields = new ArrayList<>();
            for (Object cell : row) {
                fields.add(cell == null ? "" : csvField(cell instanceof Double d ? exact(d) : cell.toString()));
            }
            out.append(String.join(",", fields)).append('\n');
        }
        return out.toString();
    }

    private String json() {
        ArrayNode array = JSON.createArrayNode();
        for (List<Object> row : rows) {
            ObjectNode object = array.addObject();
            for (int c = 0; c < headers.size(); c++) {
                Object cell = row.get(c);
                if (cell == null) {
                    object.putNull(headers.get(c));
                } else if (cell instanceof Double d) {
                    if (Double.isFinite(d)) {
                        object.put(headers.get(c), d);
                    } else {
                        object.put(headers.get(c), d.toString());
                    }
                } else if (cell instanceof Long || cell instanceof Integer) {
                    object.put(headers.get(c), ((Number) cell).longValue());
                } else {
                    object.put(headers.get(c), cell.toString());
                }
            }
        }
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a table of strings and numbers is always JSON", e);
        }
    }

    private List<List<String>> shown() {
        List<List<String>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(show(cell));
            }
            out.add(cells);
        }
        return out;
    }

    /** Four significant decimals for ordinary magnitudes; scientific for tiny differences so they do not read as 0. */
    public static String show(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            double a = Math.abs(d);
            if (a == 0) {
                return "0";
            }
            if (a >= 1e-3 && a < 1e7) {
                return String.format(Locale.ROOT, "%.4f", d);
            }
            return String.format(Locale.ROOT, "%.3e", d);
        }
        return cell.toString();
    }

    /** The shortest text that reads back as exactly this double. */
    static String exact(double d) {
        return Double.toString(d);
    }

    private int[] widths(List<List<String>> cells) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : cells) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        return widths;
    }

    private void line(StringBuilder out, List<String> cells, int[] widths, List<Object> raw, String gap) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append(gap);
            }
            boolean right = raw != null ? raw.get(c) instanceof Number : numericColumn(c);
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(right ? pad + cell : cell + (c == cells.size() - 1 ? "" : pad));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private boolean numericColumn(int c) {
        boolean any = false;
        for (List<Object> row : rows) {
            Object cell = row.get(c);
            if (cell == null) {
                continue;
            }
            if (!(cell instanceof Number)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static String csvField(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String escapeMd(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
