package eu.consent.optout;

import eu.consent.shared.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a person, besides their email and phone, can be written into their unsubscribe comment and name them ("I am
 * Jane Quixote, client crm-4711, 17 rue des Lilas"): the string values of their attributes (a first and a last name),
 * their external id, their postal address lines, postcode and city. A value of fewer than {@link #SHORTEST} letters or
 * digits ("Al", "FR", "B2") is left out, and a value is found only as a whole word: cut from a comment, it would take
 * "Al" out of "Also" and "FR" out of any French sentence, while naming no one by itself.
 */
public final class PersonInComment {

    /** The fewest letters or digits a value needs to be cut from a comment. */
    static final int SHORTEST = 3;

    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");

    private PersonInComment() {}

    /**
     * The person's values that identify them, longest first (so that "Jane Quixote" is cut whole before "Jane"), each
     * once; any of the arguments may be null.
     *
     * @param attributesJson the contact's attributes as JSON text: its string values, nested ones included
     * @param postalLines the address lines, one per line
     */
    public static List<String> valuesOf(
            String attributesJson, String externalId, String postalLines, String postcode, String city) {
        Set<String> values = new LinkedHashSet<>();
        if (attributesJson != null && !attributesJson.isBlank()) {
            try {
                strings(Jsons.createReader(new StringReader(attributesJson)).readValue(), values);
            } catch (RuntimeException notJson) {
                // attributes are kept as JSON by the contact; anything else names no value
            }
        }
        values.add(externalId);
        if (postalLines != null) {
            values.addAll(List.of(postalLines.split("\n")));
        }
        if (postalLines != null) {
            // A street written without its house number ("avenue Troplong" for "9 avenue Troplong", BE's F1).
            for (String line : postalLines.split("\n")) {
                values.add(line.strip().replaceFirst("^\\d+\\s*(?:(?i:bis|ter)|[a-zA-Z](?![\\p{L}]))?[\\s,]+", ""));
            }
        }
        values.add(postcode);
        if (postcode != null && postcode.strip().matches("\\d{5}")) {
            // A French postcode written in two groups ("69 003"), as letters often print it (BE's F1).
            values.add(postcode.strip().substring(0, 2) + " " + postcode.strip().substring(2));
        }
        values.add(city);
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null && identifies(value)) {
                kept.add(value.strip());
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return kept.stream().distinct().toList();
    }

    /** The values of {@link #valuesOf(String, String, String, String, String)} that {@code contact} holds now. */
    public static List<String> valuesOf(eu.consent.contact.Contact contact) {
        return valuesOf(eu.consent.contact.ContactDetails.of(contact));
    }

    /** The values of {@link #valuesOf(String, String, String, String, String)} in a contact's details. */
    public static List<String> valuesOf(eu.consent.contact.ContactDetails details) {
        eu.consent.contact.PostalAddress postal = details.postalAddress();
        return valuesOf(
                details.attributesJson(),
                details.externalId(),
                postal == null ? null : String.join("\n", postal.lines()),
                postal == null ? null : postal.postcode(),
                postal == null ? null : postal.city());
    }

    /** The most characters the values kept with a comment take: the longest first, the rest dropped. */
    static final int MOST_KEPT = 16_000;

    /** {@code values} as kept with a comment (a JSON array), or null when there are none. */
    static String kept(List<String> values) {
        jakarta.json.JsonArrayBuilder array = Jsons.createArrayBuilder();
        int room = MOST_KEPT - 2;
        for (String value : values) {
            String one = Jsons.createArrayBuilder().add(value).build().toString();
            if (one.length() - 1 > room) {
                continue;
            }
            array.add(value);
            room -= one.length() - 1;
        }
        JsonArray built = array.build();
        return built.isEmpty() ? null : built.toString();
    }

    /** The values kept with a comment ({@link #kept}); none for null or anything else. */
    public static List<String> keptValues(String kept) {
        if (kept == null || kept.isBlank()) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        try {
            strings(Jsons.createReader(new StringReader(kept)).readValue(), values);
        } catch (RuntimeException notJson) {
            return List.of();
        }
        return List.copyOf(values);
    }

    /** {@code some} and {@code more} as one list, longest first, each once ({@link #cut} cuts longest first). */
    public static List<String> union(Collection<String> some, Collection<String> more) {
        Set<String> all = new LinkedHashSet<>(some);
        all.addAll(more);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    /** Whether the value has enough letters or digits to name someone rather than to be a common word. */
    static boolean identifies(String value) {
        Matcher m = LETTER_OR_DIGIT.matcher(value);
        int count = 0;
        while (count < SHORTEST && m.find()) {
            count++;
        }
        return count >= SHORTEST;
    }

    /**
     * The comment with each of {@code values} replaced by {@code token} wherever it stands as a whole word, in any case,
     * with or without its accents, and whatever spaces or punctuation stand between its words ({@link #wholeWord});
     * values are tried in the order given (longest first, see {@link #valuesOf}). The comment comes back composed (NFC).
     */
    public static String cut(String comment, Collection<String> values, String token) {
        if (comment == null) {
            return null;
        }
        // Decomposed, an accented letter is its base letter and its marks: "Lévêque" is found as LEVEQUE is.
        String cut = Normalizer.normalize(comment, Normalizer.Form.NFD);
        for (String value : values) {
            cut = wholeWord(value).matcher(cut).replaceAll(Matcher.quoteReplacement(token));
        }
        return Normalizer.normalize(cut, Normalizer.Form.NFC);
    }

    /**
     * The value's words (its runs of letters and digits, without their accents) in any case, each letter with or without
     * marks, any spaces or punctuation between them ("Jean-Pierre" as "jean pierre", "12, rue des Lilas" as "12 rue des
     * lilas", "jane@example.com" as "jane @ example.com"), but not where a letter or a digit runs on from either end.
     * Until 2026-12-06 accents and punctuation had to match exactly, and "LEVEQUE" stayed after Lévêque's erasure
     * (AG-F5). Matched against decomposed (NFD) text.
     */
    /**
     * What may stand between a value's words: anything but a letter or a digit, and the {@code @} and dots of an address
     * written out or escaped ("jane (at) example (dot) com", "jane at example dot com", "jane%40example.com",
     * "jane&#64;example.com"): until 2026-12-07 those spellings of the erased person's address stayed in their comment
     * (tester BE's F1). A spelt-out word counts only whole ("at" of "attic" is a letter run of the next word).
     */
    private static final String SEPARATOR =
            "(?:%40|%2[eE]|&#0*64;|&#[xX]0*40;|&commat;|(?i:at|arobase|dot)(?![\\p{L}\\p{N}])|[^\\p{L}\\p{N}])++";

    static Pattern wholeWord(String value) {
        String bare = Normalizer.normalize(value.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}\\p{M}])");
        boolean first = true;
        for (String word : bare.split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            // Possessive: marks and separators never give back what they took, so a run of marks is tried one way only
            // (greedy, a comment of stacked marks took a minute to scan: the reviewer's point 1 of the session).
            regex.append(first ? "" : SEPARATOR);
            first = false;
            word.codePoints().forEach(c -> regex.append(Pattern.quote(Character.toString(c)))
                    .append("[\\p{M}\\p{Cf}]*+"));
        }
        if (first) {
            return Pattern.compile("(?!)"); // no letter or digit: nothing of the person to find
        }
        regex.append("(?![\\p{L}\\p{N}])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static void strings(JsonValue value, Set<String> into) {
        if (value instanceof JsonString s) {
            into.add(s.getString());
        } else if (value instanceof jakarta.json.JsonNumber n
                && n.toString().replaceAll("[^0-9]", "").length() >= 5) {
            // A customer or member number kept as a JSON number names the person as its string would (AE's doubt,
            // until 2026-12-06 it survived the erasure in the comment); a score or an age names no one.
            into.add(n.toString());
        } else if (value instanceof JsonObject o) {
            o.values().forEach(v -> strings(v, into));
        } else if (value instanceof JsonArray a) {
            a.forEach(v -> strings(v, into));
        }
    }
}
