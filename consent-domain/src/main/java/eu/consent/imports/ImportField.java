package eu.consent.imports;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fields a row can carry, by the name of their default column; {@code attr.<name>} columns are attributes. */
public final class ImportField {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String COUNTRY = "country";
    public static final String LOCALE = "locale";
    public static final String AUDIENCE = "audience";
    public static final String CUSTOMER = "customer";
    public static final String EXTERNAL_ID = "externalId";
    public static final String ATTRIBUTES = "attributes";
    public static final String PURPOSE = "purpose";
    public static final String CHANNEL = "channel";
    public static final String ACTION = "action";
    public static final String SOURCE = "source";
    public static final String NOTICE_ID = "noticeId";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String CONFIRMED_AT = "confirmedAt";
    public static final String IP = "ip";
    public static final String USER_AGENT = "userAgent";
    public static final String FORM_URL = "formUrl";
    public static final String AGENT_ID = "agentId";
    public static final String SCRIPT_REF = "scriptRef";
    public static final String LAST_ACTIVE_AT = "lastActiveAt";
    public static final String ATTRIBUTE_PREFIX = "attr.";

    /** Every field, in the order of the documented default header. */
    public static final List<String> ALL = List.of(
            EMAIL,
            PHONE,
            COUNTRY,
            LOCALE,
            AUDIENCE,
            CUSTOMER,
            EXTERNAL_ID,
            ATTRIBUTES,
            PURPOSE,
            CHANNEL,
            ACTION,
            SOURCE,
            NOTICE_ID,
            OCCURRED_AT,
            CONFIRMED_AT,
            IP,
            USER_AGENT,
            FORM_URL,
            AGENT_ID,
            SCRIPT_REF,
            LAST_ACTIVE_AT);

    private static final Map<String, String> BY_LOWER_CASE =
            ALL.stream().collect(Collectors.toMap(f -> f.toLowerCase(Locale.ROOT), Function.identity()));

    private ImportField() {}

    /** The field a header names (case-insensitively), or null if it names none. */
    public static String named(String header) {
        String h = header.strip();
        if (h.regionMatches(true, 0, ATTRIBUTE_PREFIX, 0, ATTRIBUTE_PREFIX.length())
                && h.length() > ATTRIBUTE_PREFIX.length()) {
            return ATTRIBUTE_PREFIX + h.substring(ATTRIBUTE_PREFIX.length());
        }
        return BY_LOWER_CASE.get(h.toLowerCase(Locale.ROOT));
    }
}
