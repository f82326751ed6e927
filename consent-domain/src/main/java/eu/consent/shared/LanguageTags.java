package eu.consent.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** BCP 47 language tags as stored: {@code fr}, {@code fr-FR}; an underscore ({@code fr_FR}) is read as a hyphen. */
public final class LanguageTags {

    private static final Pattern TAG = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*");

    private LanguageTags() {}

    /** The normalized tag, or null with a violation recorded on {@code field}. */
    public static String normalize(String raw, String field, Violations v) {
        String tag = raw.strip();
        if (!TAG.matcher(tag).matches()) {
            v.add(field, "must be a language tag such as fr or fr-FR");
            return null;
        }
        return Locale.forLanguageTag(tag.replace('_', '-')).toLanguageTag();
    }
}
