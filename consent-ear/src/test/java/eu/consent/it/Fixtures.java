package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Purposes and notices the consent tests need, each test with its own so that none shares data. */
final class Fixtures {

    /** The contract's decision rules, in the order they are tried (API.md). */
    static final List<String> EVERY_RULE = List.of(
            "UNKNOWN_CONTACT",
            "PURPOSE_RETIRED",
            "SUPPRESSED_HARD_BOUNCE",
            "SERVICE_MESSAGE",
            "SUPPRESSED_ERASED",
            "RETENTION_EXPIRED",
            "SUPPRESSED_COMPLAINT",
            "SUPPRESSED_UNSUBSCRIBED",
            "SUPPRESSED_MANUAL",
            "OBJECTED",
            "CONSENT_WITHDRAWN",
            "PHONE_DNC_LISTED",
            "PAUSED",
            "CHANNEL_NOT_PREFERRED",
            "FREQUENCY_CAP",
            "CONSENT_GRANTED",
            "CONSENT_PENDING",
            "SOFT_OPT_IN",
            "B2B_OPT_OUT_REGIME",
            "POSTAL_OPT_OUT_REGIME",
            "PHONE_OPT_OUT_REGIME",
            "NO_CONSENT");

    private Fixtures() {}

    /**
     * An instant {@code days} days before the test's clock, to the second, as ISO-8601: test times are relative to
     * the clock so that no test expires (a fixed date broke main on 2026-12-01).
     */
    /**
     * Whether the server under test keeps its data in PostgreSQL: the failsafe run against it says so. For the few tests
     * whose size guards a Derby plan, and that check the behaviour on a smaller scale there.
     */
    static boolean onPostgresql() {
        return "postgresql".equals(System.getProperty("it.database"));
    }

    static String daysAgo(long days) {
        return Instant.now()
                .truncatedTo(ChronoUnit.SECONDS)
                .minus(days, ChronoUnit.DAYS)
                .toString();
    }

    /** The calendar date {@code days} days before today (UTC), as the date-only cells of an import file. */
    static String dateDaysAgo(long days) {
        return daysAgo(days).substring(0, 10);
    }

    /** Creates a prospecting purpose on EMAIL and SMS and returns its key. */
    static String purpose(boolean doubleOptIn) {
        return purpose(Api.BASE, doubleOptIn);
    }

    /** {@link #purpose(boolean)} through the server at {@code server} (ClusterIT's, beside the suite's). */
    static String purpose(String server, boolean doubleOptIn) {
        String key = Api.uniqueKey(doubleOptIn ? "doi" : "news");
        Api.post(ADMIN, server + "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","SMS"],"doubleOptIn":%s,
                         "similarToPurchases":false,"names":{"fr":"Les bons plans","en":"Good deals"}}""".formatted(key, doubleOptIn))
                .expect(201);
        return key;
    }

    /** Publishes a notice of the purpose and returns its id. */
    static String notice(String purpose, String locale, String text) {
        return notice(Api.BASE, purpose, locale, text);
    }

    static String notice(String server, String purpose, String locale, String text) {
        return Api.post(
                        ADMIN,
                        server + "/api/v1/purposes/" + purpose + "/notices",
                        Json.createObjectBuilder()
                                .add("locale", locale)
                                .add("text", text)
                                .build()
                                .toString())
                .expect(201)
                .json()
                .getString("id");
    }

    /** Creates a contact with the given email and locale and returns its id. */
    static String contact(String email, String locale) {
        return contact(Api.BASE, email, locale);
    }

    static String contact(String server, String email, String locale) {
        return Api.post(Api.User.INTEGRATION, server + "/api/v1/contacts", """
                        {"email":"%s","country":"FR","locale":"%s","audience":"B2C","customer":false}""".formatted(email, locale))
                .expect(201)
                .json()
                .getString("id");
    }

    /** Creates a French B2B contact (opt-out regime: prospecting allowed until they object) with what is given. */
    static String b2bContact(String email, String phone) {
        var body = Json.createObjectBuilder();
        if (email != null) {
            body.add("email", email);
        }
        if (phone != null) {
            body.add("phone", phone);
        }
        body.add("country", "FR").add("locale", "fr").add("audience", "B2B").add("customer", false);
        return Api.post(Api.User.INTEGRATION, "/api/v1/contacts", body.build().toString())
                .expect(201)
                .json()
                .getString("id");
    }

    static String event(
            String contactId, String purpose, String channel, String action, String noticeId, String occurredAt) {
        var body = Json.createObjectBuilder()
                .add("contactId", contactId)
                .add("purpose", purpose)
                .add("channel", channel)
                .add("action", action)
                .add("source", "WEB_FORM")
                .add(
                        "proof",
                        Json.createObjectBuilder()
                                .add("ip", "203.0.113.7")
                                .add("userAgent", "Mozilla/5.0 (IT)")
                                .add("formUrl", "https://shop.example/newsletter"));
        if (noticeId != null) {
            body.add("noticeId", noticeId);
        }
        if (occurredAt != null) {
            body.add("occurredAt", occurredAt);
        }
        return body.build().toString();
    }

    /** A client's GRANT on email through the API (a CRM's word, no proof): the 201's body. */
    static JsonObject clientGrant(String contactId, String purpose, String noticeId) {
        return Api.post(
                        Api.User.INTEGRATION,
                        "/api/v1/consents",
                        Json.createObjectBuilder()
                                .add("contactId", contactId)
                                .add("purpose", purpose)
                                .add("channel", "EMAIL")
                                .add("action", "GRANT")
                                .add("source", "API")
                                .add("noticeId", noticeId)
                                .build()
                                .toString())
                .expect(201)
                .json();
    }
}
