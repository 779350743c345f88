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

    /**
     * The known name a user most likely meant by {@code wanted}, or null when none is a plausible
     * slip: case-insensitive Levenshtein distance of at most a third of the longer name (and at
     * least 2, so short names still get suggestions), or a prefix either way ("maximum" for
     * "max"). Ties go to the name that sorts first, so hints never depend on registration order.
     */
    public static String nearest(String wanted, Collection<String> known) {
        String target = wanted.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String other = candidate.toLowerCase(Locale.ROOT);
            int d = target.startsWith(other) || other.startsWith(target) ? 1 : distance(target, other);
            int allowed = Math.max(2, Math.max(target.length(), other.length()) / 3);
            if (d > allowed) {
                continue;
            }
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
