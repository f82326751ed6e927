package eu.consent.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A read model (plain SQL) of what other features keep about one person, for the access export: the sends reported,
 * the unsubscribe feedback, the mails sent or queued to them, the rejected import rows holding their identifiers and
 * their place on the re-permission list, the webhook deliveries about them. Each list is bounded by what a person can
 * accumulate in the retention period.
 */
@ApplicationScoped
public class PersonalRecords {

    /** A send reported by a sending platform. */
    public record SentMessage(String purpose, String channel, Instant sentAt) {}

    /** An opt-out with the reason and the comment the person gave. */
    public record FeedbackGiven(
            String purpose, String channel, String source, String reason, String comment, Instant occurredAt) {}

    /** A mail of ours to the person (double opt-in confirmation, preference link), sent or waiting. */
    public record MailSent(
            String recipient, String subject, String body, Instant createdAt, Instant sentAt, int attempts) {}

    /** A line of an imported file that was refused and is kept, as it was, for the importer. */
    public record RejectedImportRow(String importId, long line, String original, String reason, String detail) {}

    /** The person's entry on the re-permission list. */
    public record Reactivation(Instant lastActiveAt, Instant purgeAfter, Instant flaggedAt) {}

    /** A "keep me" answer, with the proof of the page the person used. */
    public record Stay(Instant stayedAt, String ip, String userAgent) {}

    /** A soft bounce of a message to one of their addresses, as their mail provider reported it. */
    public record SoftBounce(String provider, String messageId, Instant occurredAt) {}

    /**
     * A webhook delivery about the person: to whom (the subscription and its URL) the service disclosed what (the event,
     * and which of their identifiers it carried, none for a delivery of ids and states only), when, and whether the
     * receiver took it. GDPR art. 15(1)(c): the person may know the recipients of their data.
     */
    public record Disclosure(
            String subscriptionId,
            String url,
            String eventType,
            String eventId,
            Instant queuedAt,
            String status,
            int attempts,
            Instant deliveredAt,
            List<String> identifiers) {}

    /** The identifiers a delivery's body may carry, in the order they are listed. */
    private static final List<String> IDENTIFIERS = List.of("email", "phone");

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    public List<SentMessage> sends(String contactId) {
        List<SentMessage> sends = new ArrayList<>();
        for (Object[] r : rows(
                "SELECT purpose_key, channel, sent_at FROM send_log WHERE contact_id = ? ORDER BY sent_at",
                contactId)) {
            sends.add(new SentMessage((String) r[0], (String) r[1], instant(r[2])));
        }
        return sends;
    }

    public List<FeedbackGiven> feedback(String contactId) {
        List<FeedbackGiven> feedback = new ArrayList<>();
        for (Object[] r : rows(
                "SELECT purpose_key, channel, source, feedback_reason, feedback_comment, occurred_at FROM opt_out"
                        + " WHERE contact_id = ? ORDER BY occurred_at",
                contactId)) {
            feedback.add(new FeedbackGiven(
                    (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], instant(r[5])));
        }
        return feedback;
    }

    /**
     * The links of a mail that act as the person (confirm a double opt-in, open their preference page, unsubscribe,
     * keep their data): their tokens still work while the mail is kept.
     */
    private static final Pattern ACTING_LINK =
            Pattern.compile("(/(?:confirm|preferences|unsubscribe|stay)/)[\\w~%-]+(?:\\.[\\w~%-]+)*");

    /** The messages sent to the person, as they were sent. */
    public List<MailSent> messages(String contactId) {
        List<MailSent> messages = new ArrayList<>();
        for (Object[] r : rows(
                "SELECT recipient, subject, body, created_at, sent_at, attempts FROM mail_outbox WHERE contact_id = ?"
                        + " ORDER BY created_at",
                contactId)) {
            messages.add(new MailSent(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    instant(r[3]),
                    instant(r[4]),
                    ((Number) r[5]).intValue()));
        }
        return messages;
    }

    /** A message's body with the tokens of the links that act as the person read {@code [withheld]}. */
    public static String withoutActingTokens(String body) {
        return body == null ? null : ACTING_LINK.matcher(body).replaceAll("$1[withheld]");
    }

    /**
     * The messages as a reader who may change nothing sees them: the tokens of the links that act as the person read
     * {@code [withheld]}, so that an auditor may see what was sent and where it led, not confirm a consent or
     * unsubscribe in the person's name (receipt links, which only read, stay).
     */
    public static List<MailSent> withoutActingTokens(List<MailSent> messages) {
        return messages.stream()
                .map(m -> new MailSent(
                        m.recipient(),
                        m.subject(),
                        withoutActingTokens(m.body()),
                        m.createdAt(),
                        m.sentAt(),
                        m.attempts()))
                .toList();
    }

    /** The rejected import lines holding the person's identifiers, dated (by their import) in the person's share. */
    public List<RejectedImportRow> importRejects(List<Holdings.Share> shares) {
        List<Object[]> found = new ArrayList<>();
        String select = "SELECT j.import_id, j.line_number, j.original, j.reason, j.detail FROM import_reject j"
                + " JOIN contact_import i ON i.id = j.import_id WHERE j.";
        // one indexed column at a time: Derby answers an OR of the two by reading the whole table
        for (String column : List.of("email_hash", "phone_hash")) {
            for (Holdings.Period p : Holdings.periods(shares)) {
                found.addAll(rows(
                        select + column + " = ? AND i.created_at >= ? AND i.created_at < ?",
                        p.hash(),
                        Timestamp.from(p.since()),
                        Timestamp.from(p.until())));
            }
            for (String hash : Holdings.unclaimed(shares)) {
                found.addAll(rows(
                        select + column + " = ? AND " + Holdings.inNobodysPeriod("j." + column, "i.created_at"), hash));
            }
        }
        List<RejectedImportRow> rejects = new ArrayList<>();
        for (Object[] r : found) {
            RejectedImportRow row = new RejectedImportRow(
                    ((String) r[0]).strip(), ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4]);
            if (!rejects.contains(row)) {
                rejects.add(row);
            }
        }
        rejects.sort(
                java.util.Comparator.comparing(RejectedImportRow::importId).thenComparingLong(RejectedImportRow::line));
        return rejects;
    }

    public Reactivation reactivation(String contactId) {
        List<Object[]> r = rows(
                "SELECT last_active_at, purge_after, flagged_at FROM reactivation_candidate WHERE contact_id = ?",
                contactId);
        return r.isEmpty() ? null : new Reactivation(instant(r.get(0)[0]), instant(r.get(0)[1]), instant(r.get(0)[2]));
    }

    /**
     * What of the rows kept about identifiers is the person's (see {@link Holdings}): those they hold now ({@code
     * heldNow}) and those they gave up, each by the periods they held it.
     */
    public List<Holdings.Share> shares(String contactId, Collection<String> heldNow) {
        List<Holdings.Period> gaveUp = rows(
                        "SELECT identifier_hash, held_since, released_at FROM email_release WHERE contact_id = ?"
                                + " AND released_at IS NOT NULL",
                        contactId)
                .stream()
                .map(r -> new Holdings.Period(((String) r[0]).strip(), instant(r[1]), instant(r[2])))
                .toList();
        java.util.Set<String> heldByOthers = new java.util.HashSet<>();
        for (String hash : gaveUp.stream().map(Holdings.Period::hash).distinct().toList()) {
            if (!heldNow.contains(hash)
                    && !(rows("SELECT id, email_hash FROM contact WHERE email_hash = ?", hash)
                                    .isEmpty()
                            && rows("SELECT id, phone_hash FROM contact WHERE phone_hash = ?", hash)
                                    .isEmpty())) {
                heldByOthers.add(hash);
            }
        }
        return Holdings.shares(heldNow, gaveUp, heldByOthers);
    }

    public List<Stay> stays(String contactId) {
        return rows(
                        "SELECT stayed_at, ip, user_agent FROM reactivation_stay WHERE contact_id = ? ORDER BY stayed_at",
                        contactId)
                .stream()
                .map(r -> new Stay(instant(r[0]), (String) r[1], (String) r[2]))
                .toList();
    }

    /** The soft bounces of the person's addresses, dated in the person's share. */
    public List<SoftBounce> softBounces(List<Holdings.Share> shares) {
        String select = "SELECT provider, message_id, occurred_at FROM soft_bounce s WHERE s.identifier_hash = ?";
        List<Object[]> found = new ArrayList<>();
        for (Holdings.Period p : Holdings.periods(shares)) {
            found.addAll(rows(
                    select + " AND s.occurred_at >= ? AND s.occurred_at < ?",
                    p.hash(),
                    Timestamp.from(p.since()),
                    Timestamp.from(p.until())));
        }
        for (String hash : Holdings.unclaimed(shares)) {
            found.addAll(rows(select + " AND " + Holdings.inNobodysPeriod("s.identifier_hash", "s.occurred_at"), hash));
        }
        return found.stream()
                .map(r -> new SoftBounce((String) r[0], (String) r[1], instant(r[2])))
                .sorted(java.util.Comparator.comparing(SoftBounce::occurredAt))
                .toList();
    }

    /**
     * The webhook deliveries about the person still kept (a delivered one for {@code consent.webhooks.keep-delivered}),
     * with or without their identifiers: one without still tells the receiver their contact id and what they chose.
     * Which identifiers a delivery carried is read from its body as stored, since that is what was (or will be) sent.
     */
    public List<Disclosure> disclosures(String contactId) {
        return rows(
                        "SELECT m.subscription_id, s.url, m.event_type, m.event_id, m.created_at, m.status, m.attempts,"
                                + " m.delivered_at, m.payload FROM webhook_message m LEFT JOIN webhook_subscription s"
                                + " ON s.id = m.subscription_id WHERE m.contact_id = ? ORDER BY m.seq, m.created_at",
                        contactId)
                .stream()
                .map(r -> new Disclosure(
                        ((String) r[0]).strip(),
                        (String) r[1],
                        (String) r[2],
                        ((String) r[3]).strip(),
                        instant(r[4]),
                        ((String) r[5]).strip(),
                        ((Number) r[6]).intValue(),
                        instant(r[7]),
                        identifiersIn((String) r[8])))
                .toList();
    }

    /** The person's identifiers a delivery body holds in its {@code data}, by name ({@code email}, {@code phone}). */
    static List<String> identifiersIn(String payload) {
        if (payload == null || payload.isBlank()) {
            return List.of();
        }
        jakarta.json.JsonObject body;
        try (var reader = eu.consent.shared.Jsons.createReader(new java.io.StringReader(payload))) {
            body = reader.readObject();
        }
        jakarta.json.JsonValue data = body.get("data");
        if (!(data instanceof jakarta.json.JsonObject fields)) {
            return List.of();
        }
        return IDENTIFIERS.stream()
                .filter(name -> fields.containsKey(name) && fields.get(name) instanceof jakarta.json.JsonString)
                .toList();
    }

    /**
     * A receiver's URL as a reader who may change nothing (an auditor) sees it: the recipient's scheme, host and port,
     * the path and query withheld, since a webhook URL often is itself the credential (a capability URL such as a chat
     * tool's incoming hook), which only an admin may read.
     */
    public static String recipientOnly(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "[withheld]";
            }
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            boolean bare = (uri.getRawPath() == null
                            || uri.getRawPath().isEmpty()
                            || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null;
            return bare ? origin + "/" : origin + "/[withheld]";
        } catch (java.net.URISyntaxException e) {
            return "[withheld]";
        }
    }

    /** The deliveries as a reader who may change nothing sees them: each receiver named by {@link #recipientOnly}. */
    public static List<Disclosure> withRecipientsOnly(List<Disclosure> disclosures) {
        return disclosures.stream()
                .map(d -> new Disclosure(
                        d.subscriptionId(),
                        recipientOnly(d.url()),
                        d.eventType(),
                        d.eventId(),
                        d.queuedAt(),
                        d.status(),
                        d.attempts(),
                        d.deliveredAt(),
                        d.identifiers()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}
