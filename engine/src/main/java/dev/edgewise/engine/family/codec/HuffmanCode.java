package dev.edgewise.engine.family.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A canonical Huffman code over the symbols {@code 0..n-1} (quantisation bins), fitted on symbol
 * counts. Canonical: codes are assigned in order of (length, symbol), so the decoder needs only the
 * code lengths ({@link #tableBytes()}). Ties in the tree are broken by the smallest symbol, so the
 * same counts give the same code on every machine. A single used symbol gets a 1-bit code; unused
 * symbols get none.
 */
public final class HuffmanCode {

    /** Codes are held in an int; counts that need longer codes are refused rather than mis-coded. */
    private static final int MAX_LENGTH = 30;

    private final int[] lengths;
    private final int[] codes;
    private HuffmanCode(int[] lengths) {
        if (Arrays.stream(lengths).max().orElse(0) > MAX_LENGTH) {
            throw new IllegalArgumentException("the counts are so skewed that a code is longer than " + MAX_LENGTH + " bits");
        }
        this.lengths = lengths;
        this.codes = canonical(lengths);
    }

    /** The optimal prefix code for {@code counts[s]} occurrences of each symbol {@code s}. */
    public static HuffmanCode fit(long[] counts) {
        int n = counts.length;
        int[] lengths = new int[n];
        // Nodes: leaves 0..n-1, inner nodes after; a node's key is (count, smallest symbol below it).
        int[] parent = new int[2 * n];
        long[] weight = new long[2 * n];
        int[] smallest = new int[2 * n];
        PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> weight[a] != weight[b] ? Long.compare(weight[a], weight[b])
                : Integer.compare(smallest[a], smallest[b]));
        for (int s = 0; s < n; s++) {
            if (counts[s] < 0) {
                throw new IllegalArgumentException("negative count for symbol " + s);
            }
            weight[s] = counts[s];
            smallest[s] = s;
            if (counts[s] > 0) {
                queue.add(s);
            }
        }
        if (queue.size() == 1) {
            lengths[queue.peek()] = 1;
            return new HuffmanCode(lengths);
        }
        int next = n;
        while (queue.size() > 1) {
            int a = queue.poll();
            int b = queue.poll();
            weight[next] = weight[a] + weight[b];
            smallest[next] = Math.min(smallest[a], smallest[b]);
            parent[a] = next;
            parent[b] = next;
            queue.add(next++);
        }
        int root = next - 1;
        for (int s = 0; s < n; s++) {
            if (counts[s] > 0) {
                int depth = 0;
                for (int node = s; node != root; node = parent[node]) {
                    depth++;
                }
                lengths[s] = depth;
            }
        }
        return new HuffmanCode(lengths);
    }

    /** The code length of each symbol in bits (0: the symbol has no code). */
    public int[] lengths() {
        return lengths.clone();
    }

    /** The coded size of {@code counts[s]} occurrences of each symbol, in bits. */
    public long bits(long[] counts) {
        long bits = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0 && lengths[s] == 0) {
                throw new IllegalArgumentException("symbol " + s + " has no code");
            }
            bits += counts[s] * lengths[s];
        }
        return bits;
    }

    /** What the decoder must be sent to rebuild the code: one byte per symbol (its length). */
    public int tableBytes() {
        return lengths.length;
    }

    /** The symbols' codes, most significant bit first, padded with zero bits to whole bytes. */
    public byte[] encode(int[] symbols) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int filled = 0;
        for (int symbol : symbols) {
            int length = lengths[symbol];
            if (length == 0) {
                throw new IllegalArgumentException("symbol " + symbol + " has no code");
            }
            for (int bit = length - 1; bit >= 0; bit--) {
                buffer = (buffer << 1) | ((codes[symbol] >>> bit) & 1);
                if (++filled == 8) {
                    out.write(buffer);
                    buffer = 0;
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            out.write(buffer << (8 - filled));
        }
        return out.toByteArray();
    }

    /** The first {@code count} symbols coded in {@code bytes}. */
    public int[] decode(byte[] bytes, int count) {
        int maxLength = Arrays.stream(lengths).max().orElse(0);
        Map<Long, Integer> byCode = new HashMap<>();
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] > 0) {
                byCode.put(((long) lengths[s] << 32) | codes[s], s);
            }
        }
        int[] symbols = new int[count];
        long position = 0;
        for (int i = 0; i < count; i++) {
            int code = 0;
            int length = 0;
            Integer found = null;
            while (found == null) {
                if (length == maxLength || position >= 8L * bytes.length) {
                    throw new IllegalArgumentException("the bits end or match no code at symbol " + i);
                }
                int bit = (bytes[(int) (position >>> 3)] >>> (7 - (int) (position & 7))) & 1;
                position++;
                code = (code << 1) | bit;
                length++;
                found = byCode.get(((long) length << 32) | code);
            }
            symbols[i] = found;
        }
        return symbols;
    }

    /** The Shannon entropy of the counts in bits: the bound no symbol-by-symbol code beats. */
    public static double entropyBits(long[] counts) {
        long total = Arrays.stream(counts).sum();
        double bits = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                bits -= c * (Math.log(p) / Math.log(2));
            }
        }
        return bits;
    }

    /** Canonical codes from lengths: by length, then symbol, each the previous plus one, shifted at each new length. */
    private static int[] canonical(int[] lengths) {
        int[] codes = new int[lengths.length];
        Integer[] order = new Integer[lengths.length];
        for (int s = 0; s < order.length; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> lengths[a] != lengths[b] ? Integer.compare(lengths[a], lengths[b]) : Integer.compare(a, b));
        int code = 0;
        int previous = 0;
        boolean first = true;
        for (int s : order) {
            if (lengths[s] == 0) {
                continue;
            }
            if (first) {
                first = false;
            } else {
                code++;
            }
            code <<= lengths[s] - previous;
            previous = lengths[s];
            codes[s] = code;
        }
        return codes;
    }
}
