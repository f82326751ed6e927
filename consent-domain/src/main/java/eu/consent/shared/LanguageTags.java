package eu.consent.shared;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/** BCP 47 language tags as stored: {@code fr}, {@code fr-FR}; an underscore ({@code fr_FR}) is read as a hyphen. */
public final class LanguageTags {

    private static final Pattern TAG = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*");

    private LanguageTags() {}

    /**
     * The normalized tag, or null with a violation recorded on {@code field}. A tag BCP 47 does not allow (a subtag
     * out of its place, such as {@code xx-bogus-lang}) is refused, not cut down to the part that parses.
     */
    public static String normalize(String raw, String field, Violations v) {
        String tag = raw.strip();
        if (!TAG.matcher(tag).matches()) {
            v.add(field, "must be a language tag such as fr or fr-FR");
            return null;
        }
        try {
            return new Locale.Builder()
                    .setLanguageTag(tag.replace('_', '-'))
                    .build()
                    .toLanguageTag();
        } catch (IllformedLocaleException e) {
            v.add(field, "is not a well-formed language tag (BCP 47) such as fr or fr-FR");
            return null;
        }
    }
}
