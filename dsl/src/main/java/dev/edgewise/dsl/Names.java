package dev.edgewise.dsl;

import java.util.Collection;
import java.util.Locale;

/** Key spelling rules and "did you mean" suggestions. */
public final class Names {

    private Names() {}

    /** {@code trainSamples} -> {@code train_samples}: the YAML key of a record component. */
    public static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The candidate closest to {@code word} by edit distance, or null if none is plausibly meant. */
    public static String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            String other = candidate.toLowerCase(Locale.ROOT);
            // "maximum" for "max": a prefix is a likelier slip than its edit distance suggests.
            int distance = lower.startsWith(other) || other.startsWith(lower) ? 1 : editDistance(lower, other);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        // A suggestion further away than about a third of the word is noise, not help.
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
