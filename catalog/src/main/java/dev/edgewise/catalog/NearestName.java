package dev.edgewise.catalog;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the registered name a user most likely meant, so an unknown name in a spec gets a
 * "did you mean" hint instead of only a list.
 */
public final class NearestName {

    private NearestName() {}

    /**
     * The known name closest to {@code wanted} by case-insensitive Levenshtein distance, if it is
     * close enough to be a plausible typo: at most a third of the longer name's length, and at
     * least 2 edits allowed so short names still get suggestions. Ties go to the name that sorts
     * first, so the hint does not depend on registration order.
     */
    public static Optional<String> among(String wanted, Collection<String> known) {
        String target = wanted.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(target, candidate.toLowerCase(Locale.ROOT));
            int allowed = Math.max(2, Math.max(target.length(), candidate.length()) / 3);
            if (d > allowed) {
                continue;
            }
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
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
