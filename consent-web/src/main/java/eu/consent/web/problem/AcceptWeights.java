package eu.consent.web.problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which of an endpoint's types an {@code Accept} with a zero weight still accepts (RFC 9110, 12.4.2 and 12.5.1): a
 * type's weight is the one of the most specific range that matches it ({@code text/csv} before {@code text/*} before
 * {@code *}{@code /*}), and a weight of 0 means "not acceptable". JAX-RS reads {@code q=0} as any other weight, so
 * {@code application/json;q=0} was answered with JSON; {@link HeaderSyntaxFilter} asks here when a weight is 0 (rare,
 * so this may allocate).
 */
public final class AcceptWeights {

    private record Range(String type, String subtype, double weight) {

        /** How specific a match of {@code type/subtype} is: 2 exact, 1 by type, 0 any, -1 none. */
        int matches(String t, String s) {
            if (type.equals("*")) {
                return 0;
            }
            if (!type.equals(t)) {
                return -1;
            }
            return subtype.equals("*") ? 1 : subtype.equals(s) ? 2 : -1;
        }
    }

    private AcceptWeights() {}

    /**
     * The {@code Accept} to act on for an endpoint answering {@code produced}: the produced types still acceptable,
     * each with its weight (so that JAX-RS cannot choose one weighted 0 among several), or null when none is.
     * {@code accept} is a readable list ({@link HeaderSyntax#accept}).
     */
    static String acceptable(String accept, Collection<String> produced) {
        List<Range> ranges = ranges(accept);
        StringBuilder kept = new StringBuilder();
        for (String type : produced) {
            String bare = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            double weight;
            if (bare.equals("*/*")) {
                weight = ranges.stream().mapToDouble(Range::weight).max().orElse(0);
                if (weight > 0) {
                    return accept; // the endpoint answers any type: what JAX-RS chooses is acceptable
                }
            } else {
                weight = weight(ranges, bare);
            }
            if (weight > 0) {
                kept.append(kept.isEmpty() ? "" : ", ").append(bare);
                if (weight < 1) {
                    kept.append(";q=").append(weight);
                }
            }
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    /**
     * Of {@code types} (in the endpoint's order of preference), the one {@code accept} weighs highest, the first of
     * those weighed alike; the first when there is no {@code Accept}. A type the header does not cover (a range of
     * another type, a weight of 0) is never chosen; null when none is acceptable.
     */
    public static String preferred(String accept, List<String> types) {
        if (accept == null || accept.isBlank()) {
            return types.get(0);
        }
        List<Range> ranges = ranges(accept);
        String best = null;
        double bestWeight = 0;
        for (String type : types) {
            double w = weight(ranges, type);
            if (w > bestWeight) {
                best = type;
                bestWeight = w;
            }
        }
        return best;
    }

    private static double weight(List<Range> ranges, String type) {
        int slash = type.indexOf('/');
        String t = slash < 0 ? type : type.substring(0, slash);
        String s = slash < 0 ? "" : type.substring(slash + 1);
        int best = -1;
        double weight = 0;
        for (Range r : ranges) {
            int specificity = r.matches(t, s);
            if (specificity > best || specificity == best && r.weight() > weight) {
                best = specificity;
                weight = r.weight();
            }
        }
        return best < 0 ? 0 : weight;
    }

    private static List<Range> ranges(String accept) {
        List<Range> ranges = new ArrayList<>();
        for (String element : accept.split(",")) {
            String[] parts = element.split(";");
            String range = parts[0].strip().toLowerCase(Locale.ROOT);
            int slash = range.indexOf('/');
            if (slash < 0) {
                continue;
            }
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.length() > 2
                        && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                        && parameter.charAt(1) == '=') {
                    weight = Double.parseDouble(parameter.substring(2));
                }
            }
            ranges.add(new Range(range.substring(0, slash), range.substring(slash + 1), weight));
        }
        return ranges;
    }
}
