package eu.consent.imports;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.consent.Proof;
import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.EmailAddresses;
import eu.consent.contact.IdentifiersInText;
import eu.consent.contact.PhoneNumbers;
import eu.consent.purpose.Channel;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.LanguageTags;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a record into a valid, normalized {@link Item.Row} or a {@link Item.Rejected} naming every broken rule. Free
 * of I/O: the purposes and notices come in a catalog, the time from the caller.
 */
public final class RowParser {

    private static final int MAX_TEXT = 200;
    private static final int MAX_ATTRIBUTES = 8000;

    private final ImportSettings settings;
    private final ImportCatalog catalog;
    private final Instant now;

    public RowParser(ImportSettings settings, ImportCatalog catalog, Instant now) {
        this.settings = settings;
        this.catalog = catalog;
        this.now = now;
    }

    /**
     * The normalized email that {@link #parse} would give {@code record} (as a row or as a rejection), read from its
     * email cell alone; null when only the whole parse can tell (a JSON line, a malformed record, no valid email). A
     * partition of an import routes by it and parses in full only its own rows.
     */
    public String email(RecordReader.Record record) {
        if (record.problem() != null || settings.format() != ImportFormat.CSV) {
            return null;
        }
        List<String> cells = record.cells();
        List<String> columns = settings.columns();
        if (cells.size() != columns.size()) {
            return null;
        }
        String raw = null;
        for (int i = 0; i < cells.size(); i++) {
            if (ImportField.EMAIL.equals(columns.get(i))) {
                String value = cleaned(cells.get(i), true);
                raw = value == null ? raw : value;
            }
        }
        if (raw == null) {
            raw = settings.defaults().get(ImportField.EMAIL);
        }
        return raw == null ? null : EmailAddresses.normalizeOrNull(raw);
    }

    public Item parse(RecordReader.Record record) {
        if (record.problem() != null) {
            return reject(record, RejectReason.INVALID, record.problem());
        }
        Map<String, String> values = new HashMap<>();
        Map<String, String> attributes = new TreeMap<>();
        String problem = settings.format() == ImportFormat.CSV
                ? cells(record.cells(), values, attributes)
                : members(record.text(), values, attributes);
        if (problem != null) {
            return reject(record, RejectReason.INVALID, problem);
        }
        // Defaults fill what the row leaves empty; for a person already known they change nothing (see Row.defaulted).
        Set<String> defaulted = new HashSet<>();
        settings.defaults().forEach((field, value) -> {
            if (field.startsWith(ImportField.ATTRIBUTE_PREFIX)) {
                if (attributes.putIfAbsent(field.substring(ImportField.ATTRIBUTE_PREFIX.length()), value) == null) {
                    defaulted.add(field);
                }
            } else if (values.putIfAbsent(field, value) == null) {
                defaulted.add(field);
            }
        });
        return row(record, values, attributes, defaulted);
    }

    private String cells(List<String> cells, Map<String, String> values, Map<String, String> attributes) {
        List<String> columns = settings.columns();
        if (cells.size() != columns.size()) {
            return "the row has " + cells.size() + " cells, the header " + columns.size();
        }
        for (int i = 0; i < cells.size(); i++) {
            put(columns.get(i), cleaned(cells.get(i), true), values, attributes);
        }
        return null;
    }

    private String members(String text, Map<String, String> values, Map<String, String> attributes) {
        JsonValue line;
        try {
            line = Jsons.readStrict(text);
        } catch (JsonException e) {
            // Masked: a member named after an address, given twice, is quoted in the refusal (review 41, AP's F5).
            return Jsons.refusal(e)
                    .map(why -> why.equals(Jsons.TRAILING) ? "the line holds more than one JSON value" : why)
                    .map(IdentifiersInText::masked)
                    .orElse("the line is not valid JSON");
        }
        if (!(line instanceof JsonObject object)) {
            return "the line is not a JSON object";
        }
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String field = settings.rename().getOrDefault(member.getKey(), ImportField.named(member.getKey()));
            JsonValue v = member.getValue();
            // The announced names are kept masked (an address used as a member's name, AO-F11): compared so, and
            // never quoted raw in a reject's reason, which an erasure could not find (tester AP's F4, F5).
            String named = IdentifiersInText.masked(member.getKey());
            if (field == null && !settings.announced().contains(named)) {
                // A member the upload's answer did not list in ignoredColumns (only the first line's are): a typo
                // such as "emial" on a later line created the contact without its email until 2026-12-06.
                return named + ": is no field of an import row, and the first line does not name it";
            }
            if (field == null || v.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            if (ImportField.ATTRIBUTES.equals(field) && v.getValueType() == JsonValue.ValueType.OBJECT) {
                for (Map.Entry<String, JsonValue> a : v.asJsonObject().entrySet()) {
                    if (a.getValue().getValueType() != JsonValue.ValueType.NULL) {
                        attributes.put(a.getKey(), scalar(a.getValue()));
                    }
                }
                continue;
            }
            if (v.getValueType() == JsonValue.ValueType.OBJECT || v.getValueType() == JsonValue.ValueType.ARRAY) {
                return field + ": must be a string, number or boolean";
            }
            put(field, cleaned(scalar(v), false), values, attributes);
        }
        return null;
    }

    private static String scalar(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    private static void put(String field, String value, Map<String, String> values, Map<String, String> attributes) {
        if (field == null || value == null) {
            return;
        }
        if (field.startsWith(ImportField.ATTRIBUTE_PREFIX)) {
            attributes.put(field.substring(ImportField.ATTRIBUTE_PREFIX.length()), value);
        } else {
            values.put(field, value);
        }
    }

    /**
     * A cell's value as the row holds it, or null when it says nothing. Our CSV exports write an apostrophe before a
     * value a spreadsheet would read as a formula, and before a value that starts with an apostrophe itself: a CSV
     * cell is read back without the first of them, so that export and import are exact inverses (until 2026-12-06
     * {@code '-x@example.org} came back as {@code -x@example.org}, another person). A JSON line is read as it is.
     */
    private static String cleaned(String raw, boolean csv) {
        if (raw == null) {
            return null;
        }
        String value = csv ? CsvRecords.unneutralized(raw.strip()) : raw.strip();
        return value.isEmpty() ? null : value;
    }

    private Item row(
            RecordReader.Record record, Map<String, String> in, Map<String, String> attributes, Set<String> defaulted) {
        Violations v = new Violations();
        String country = ContactDetails.country(in.get(ImportField.COUNTRY), ImportField.COUNTRY, v);
        String email = in.containsKey(ImportField.EMAIL)
                ? EmailAddresses.normalize(in.get(ImportField.EMAIL), ImportField.EMAIL, v)
                : null;
        String phone = in.containsKey(ImportField.PHONE)
                ? PhoneNumbers.toE164(in.get(ImportField.PHONE), country, ImportField.PHONE, v)
                : null;
        if (!in.containsKey(ImportField.EMAIL) && !in.containsKey(ImportField.PHONE)) {
            v.add(ImportField.EMAIL, "the row has neither email nor phone");
        }
        String locale = in.containsKey(ImportField.LOCALE)
                ? LanguageTags.normalize(in.get(ImportField.LOCALE), ImportField.LOCALE, v)
                : null;
        Audience audience = v.enumValue(ImportField.AUDIENCE, upper(in.get(ImportField.AUDIENCE)), Audience.class);
        Boolean customer = bool(in.get(ImportField.CUSTOMER), v);
        String externalId = text(in.get(ImportField.EXTERNAL_ID), ImportField.EXTERNAL_ID, MAX_TEXT, v);
        attributes(in.get(ImportField.ATTRIBUTES), attributes, v);
        Instant lastActiveAt = instant(in.get(ImportField.LAST_ACTIVE_AT), ImportField.LAST_ACTIVE_AT, v);
        boolean notConfirmed = false;
        Item.Consent consent = null;
        if (in.containsKey(ImportField.PURPOSE)
                || in.containsKey(ImportField.CHANNEL)
                || in.containsKey(ImportField.ACTION)) {
            consent = consent(in, v);
            notConfirmed = consent != null
                    && consent.action() == ConsentAction.GRANT
                    && consent.confirmedAt() == null
                    && catalog.purposes().get(consent.purposeKey()).doubleOptIn();
        }
        try {
            v.throwIfAny();
        } catch (InvalidInputException e) {
            return reject(
                    record,
                    RejectReason.INVALID,
                    e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")),
                    in);
        }
        if (notConfirmed) {
            return reject(
                    record,
                    RejectReason.NOT_CONFIRMED,
                    "purpose " + consent.purposeKey() + " needs a double opt-in: give confirmedAt",
                    in);
        }
        return new Item.Row(
                record.line(),
                record.text(),
                record.end(),
                email,
                phone,
                country,
                locale,
                audience,
                customer,
                externalId,
                Map.copyOf(attributes),
                consent,
                lastActiveAt,
                Set.copyOf(defaulted));
    }

    private Item.Consent consent(Map<String, String> in, Violations v) {
        String purposeKey = v.require(ImportField.PURPOSE, in.get(ImportField.PURPOSE));
        ImportCatalog.PurposeRules rules =
                purposeKey == null ? null : catalog.purposes().get(purposeKey);
        if (purposeKey != null && rules == null) {
            v.add(ImportField.PURPOSE, "is not a known purpose");
        }
        Channel channel = v.enumValue(
                ImportField.CHANNEL, v.require(ImportField.CHANNEL, upper(in.get(ImportField.CHANNEL))), Channel.class);
        if (rules != null && channel != null && !rules.channels().contains(channel)) {
            v.add(ImportField.CHANNEL, "is not a channel of purpose " + purposeKey + " " + rules.channels());
        }
        String actionName = v.require(ImportField.ACTION, upper(in.get(ImportField.ACTION)));
        ConsentAction action = null;
        if (actionName != null) {
            try {
                action = ConsentAction.valueOf(actionName);
            } catch (IllegalArgumentException e) {
                // reported below, as CONFIRM is
            }
            if (action == null || action == ConsentAction.CONFIRM) {
                action = null;
                v.add(
                        ImportField.ACTION,
                        "must be GRANT, WITHDRAW or OBJECT (give confirmedAt for a confirmed opt-in)");
            }
        }
        String source = upper(in.get(ImportField.SOURCE));
        Optional<String> serverOwned = PersonsOwnAct.whyServerOwned(source);
        serverOwned.ifPresent(why -> v.add(ImportField.SOURCE, why));
        ConsentSource origin =
                serverOwned.isPresent() ? null : v.enumValue(ImportField.SOURCE, source, ConsentSource.class);
        UUID noticeId = null;
        String notice = in.get(ImportField.NOTICE_ID);
        if (notice != null) {
            try {
                noticeId = UUID.fromString(notice);
                if (purposeKey != null
                        && !purposeKey.equals(catalog.noticePurpose().get(noticeId.toString()))) {
                    v.add(ImportField.NOTICE_ID, "is not a notice of purpose " + purposeKey);
                }
            } catch (IllegalArgumentException e) {
                v.add(ImportField.NOTICE_ID, "must be a UUID");
            }
        } else if (action == ConsentAction.GRANT) {
            v.add(ImportField.NOTICE_ID, "a GRANT must name the notice the person was shown");
        }
        Instant occurredAt = instant(
                v.require(ImportField.OCCURRED_AT, in.get(ImportField.OCCURRED_AT)), ImportField.OCCURRED_AT, v);
        Instant confirmedAt = instant(in.get(ImportField.CONFIRMED_AT), ImportField.CONFIRMED_AT, v);
        if (confirmedAt != null && occurredAt != null && confirmedAt.isBefore(occurredAt)) {
            v.add(ImportField.CONFIRMED_AT, "must not be before occurredAt");
        }
        Proof proof = new Proof(
                in.get(ImportField.IP),
                in.get(ImportField.USER_AGENT),
                in.get(ImportField.FORM_URL),
                in.get(ImportField.AGENT_ID),
                in.get(ImportField.SCRIPT_REF));
        Proof.check(proof, "", v); // the ledger's own rules, the row's column names
        if (!v.isEmpty()) {
            return null;
        }
        return new Item.Consent(purposeKey, channel, action, origin, noticeId, occurredAt, confirmedAt, proof);
    }

    private static Boolean bool(String raw, Violations v) {
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "y" -> true;
            case "false", "no", "0", "n" -> false;
            default -> {
                v.add(ImportField.CUSTOMER, "must be true or false");
                yield null;
            }
        };
    }

    private static String text(String raw, String field, int max, Violations v) {
        if (raw != null && raw.length() > max) {
            v.add(field, "must be at most " + max + " characters");
            return null;
        }
        return raw;
    }

    private static void attributes(String json, Map<String, String> attributes, Violations v) {
        if (json != null) {
            try {
                if (Jsons.readStrict(json) instanceof JsonObject object) {
                    object.forEach((k, value) -> {
                        if (value.getValueType() != JsonValue.ValueType.NULL) {
                            attributes.putIfAbsent(k, scalar(value));
                        }
                    });
                } else {
                    v.add(ImportField.ATTRIBUTES, "must be a JSON object");
                }
            } catch (JsonException e) {
                v.add(ImportField.ATTRIBUTES, "must be a JSON object");
            }
        }
        int length = attributes.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().length() + 6)
                .sum();
        if (length > MAX_ATTRIBUTES) {
            v.add(ImportField.ATTRIBUTES, "must be at most " + MAX_ATTRIBUTES + " characters of JSON");
        }
    }

    /** An ISO-8601 instant, a date-time without zone (UTC) or a date (its first moment, UTC); never in the future. */
    private Instant instant(String raw, String field, Violations v) {
        if (raw == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e1) {
            try {
                at = LocalDateTime.parse(raw.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    at = LocalDate.parse(raw).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    v.add(field, "must be an ISO-8601 date or instant");
                    return null;
                }
            }
        }
        String refusal = Times.refusal(at, now);
        if (refusal != null) {
            v.add(field, refusal);
            return null;
        }
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String upper(String raw) {
        return raw == null ? null : raw.toUpperCase(Locale.ROOT);
    }

    /**
     * A rejection of a row whose fields could not be read (a malformed record, a wrong number of cells, not a JSON
     * object): its text keeps the first email address and phone number in it, by which an erasure finds the row (their
     * keyed hashes), and masks any other, which nothing could find (until 2026-12-05 such a row kept the person's
     * address after their erasure, until the import was forgotten).
     */
    private Item.Rejected reject(RecordReader.Record record, RejectReason reason, String detail) {
        IdentifiersInText.Kept kept = IdentifiersInText.keepingFirst(
                record.text(), settings.defaults().get(ImportField.COUNTRY));
        return new Item.Rejected(record.line(), kept.text(), record.end(), reason, detail, kept.email(), kept.phone());
    }

    /**
     * A rejection that keeps the identifiers it could read, normalized, for an erasure to find; any other email or
     * phone number in the row (an attribute, a comment) is masked in the text kept.
     */
    private static Item.Rejected reject(
            RecordReader.Record record, RejectReason reason, String detail, Map<String, String> in) {
        String country = in.get(ImportField.COUNTRY);
        String email =
                in.get(ImportField.EMAIL) == null ? null : EmailAddresses.normalizeOrNull(in.get(ImportField.EMAIL));
        String phone = in.get(ImportField.PHONE) == null
                ? null
                : PhoneNumbers.toE164OrNull(in.get(ImportField.PHONE), country);
        return rejected(record, reason, detail, email, phone, country);
    }

    private static Item.Rejected rejected(
            RecordReader.Record record,
            RejectReason reason,
            String detail,
            String email,
            String phone,
            String country) {
        IdentifiersInText.Kept kept = IdentifiersInText.keeping(record.text(), email, phone, country);
        return new Item.Rejected(record.line(), kept.text(), record.end(), reason, detail, kept.email(), kept.phone());
    }
}
