package dev.edgewise.catalog.data.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV/TSV file read as RFC 4180 says (a header row, fields optionally in double quotes, a quote
 * inside a quoted field doubled, line breaks inside quotes kept), keeping every field's line and
 * column so a bad cell is reported where the user's editor shows it. Hand-written because no CSV
 * library is in the offline Maven repository (jackson-dataformat-csv is not), and because the
 * positions are the point: a field's column is where it starts, counted in characters from 1.
 * Blank lines are skipped; a UTF-8 byte order mark is dropped.
 */
final class CsvTable {

    /** One field and where it starts. */
    record Cell(String text, int line, int column) {}

    private final String file;
    private final char delimiter;
    private final List<Cell> header;
    private final List<List<Cell>> rows;

    private CsvTable(String file, char delimiter, List<Cell> header, List<List<Cell>> rows) {
        this.file = file;
        this.delimiter = delimiter;
        this.header = header;
        this.rows = rows;
    }

    String file() {
        return file;
    }

    char delimiter() {
        return delimiter;
    }

    List<Cell> header() {
        return header;
    }

    List<List<Cell>> rows() {
        return rows;
    }

    /** The header names, for messages. */
    List<String> names() {
        return header.stream().map(Cell::text).toList();
    }

    /** The index of the header named {@code name}, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).text().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static CsvTable parse(String file, byte[] content, char delimiter) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw DataFileException.at(file, lineOfFirstBadByte(content), 1, "the file is not UTF-8 text",
                    "save it as UTF-8 (most spreadsheet programs offer 'CSV UTF-8')");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<Cell>> records = new ArrayList<>();
        List<Cell> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int column = 1;
        int fieldLine = 1;
        int fieldColumn = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean fieldStarted = false;
        int quoteLine = 0;
        int quoteColumn = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        column += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    column++;
                    if (i < n && text.charAt(i) != delimiter && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw DataFileException.at(file, line, column, "text after a closing quote: '" + snippet(text, i) + "'",
                                "a quote inside a quoted field is written twice (\"\"), and a field ends at its closing quote");
                    }
                    continue;
                }
                field.append(c);
                if (c == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                i++;
                continue;
            }
            if (c == '"' && !fieldStarted) {
                quoted = true;
                wasQuoted = true;
                fieldStarted = true;
                quoteLine = line;
                quoteColumn = column;
                i++;
                column++;
                continue;
            }
            if (c == '"') {
                throw DataFileException.at(file, line, column, "a quote inside an unquoted field",
                        "quote the whole field (\"a \"\"b\"\" c\") or remove the quote");
            }
            if (c == delimiter || c == '\n' || c == '\r') {
                record.add(new Cell(wasQuoted ? field.toString() : field.toString().strip(), fieldLine, fieldColumn));
                field.setLength(0);
                fieldStarted = false;
                wasQuoted = false;
                if (c == delimiter) {
                    i++;
                    column++;
                } else {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    i++;
                    endRecord(records, record);
                    record = new ArrayList<>();
                    line++;
                    column = 1;
                }
                fieldLine = line;
                fieldColumn = column;
                continue;
            }
            if (!fieldStarted) {
                fieldLine = line;
                fieldColumn = column;
            }
            fieldStarted = fieldStarted || !Character.isWhitespace(c);
            field.append(c);
            i++;
            column++;
        }
        if (quoted) {
            throw DataFileException.at(file, quoteLine, quoteColumn, "a quoted field is never closed",
                    "close the quote, or write a quote inside a field as \"\"");
        }
        if (fieldStarted || !record.isEmpty() || field.length() > 0) {
            record.add(new Cell(wasQuoted ? field.toString() : field.toString().strip(), fieldLine, fieldColumn));
            endRecord(records, record);
        }
        if (records.isEmpty()) {
            throw DataFileException.at(file, 1, 1, "the file is empty", "the first line must name the columns, e.g. time,temp");
        }
        List<Cell> header = records.get(0);
        for (int h = 0; h < header.size(); h++) {
            Cell name = header.get(h);
            if (name.text().isEmpty()) {
                throw DataFileException.at(file, name.line(), name.column(), "header field " + (h + 1) + " is empty",
                        "give every column a name in the first line");
            }
            for (int k = 0; k < h; k++) {
                if (header.get(k).text().equals(name.text())) {
                    throw DataFileException.at(file, name.line(), name.column(), "column name '" + name.text() + "' appears twice in the header",
                            "rename one of them");
                }
            }
        }
        List<List<Cell>> rows = records.subList(1, records.size());
        for (List<Cell> row : rows) {
            if (row.size() != header.size()) {
                Cell at = row.size() > header.size() ? row.get(header.size()) : row.get(row.size() - 1);
                throw DataFileException.at(file, at.line(), at.column(), "this row has " + row.size() + " fields, the header "
                        + header.size() + " (" + String.join(", ", header.stream().map(Cell::text).toList()) + ")",
                        row.size() > header.size() ? "remove the extra field, or quote a field that holds the delimiter"
                                : "add the missing fields (an empty value is still separated by a delimiter)");
            }
        }
        return new CsvTable(file, delimiter, List.copyOf(header), List.copyOf(rows));
    }

    /** Adds a record unless it is a blank line (one empty unquoted field). */
    private static void endRecord(List<List<Cell>> records, List<Cell> record) {
        if (record.size() == 1 && record.get(0).text().isEmpty()) {
            return;
        }
        records.add(record);
    }

    private static String snippet(String text, int from) {
        int end = from;
        while (end < text.length() && end - from < 20 && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(from, end);
    }

    private static int lineOfFirstBadByte(byte[] content) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        int line = 1;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(content, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 1;
    }
}
