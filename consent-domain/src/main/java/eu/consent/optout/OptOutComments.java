package eu.consent.optout;

import eu.consent.contact.IdentifiersInText;
import eu.consent.shared.Cursor;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Page;
import eu.consent.shared.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The free-text comments people left when they opted out, newest first: what the marketing team reads to learn why
 * people leave. Read from the opt-out log, which holds no identifier; the contact's id is never handed out with them.
 */
@ApplicationScoped
public class OptOutComments {

    /** One comment with what it was about; nothing that names the person. */
    public record Comment(
            String id,
            String comment,
            String reason,
            String purpose,
            String channel,
            String source,
            Instant occurredAt) {}

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /** What stands in the comments' list for a value of the person's own (their name, CRM id, address). */
    static final String WITHHELD = "[withheld]";

    /**
     * The comment as typed, but for the email addresses and phone numbers in it ({@code [email]}, {@code [phone]}):
     * people write "stop mailing jane@example.com", and the list is read by a marketing team that must not learn who
     * left. The person's own access export keeps the comment whole.
     */
    static String withoutIdentifiers(String comment) {
        return IdentifiersInText.masked(comment);
    }

    /** Comments of opt-outs in {@code [from, to)}, of one purpose when {@code purpose} is given, newest first. */
    public Page<Comment> list(Instant from, Instant to, String purpose, int limit, String after) {
        Times.checkPeriod(from, to);
        Instant afterTime = null;
        String afterId = null;
        String key = Cursor.decode("opt-out-comments", after);
        if (key != null) {
            int bar = key.indexOf('|');
            try {
                afterTime = Instant.parse(key.substring(0, bar));
                afterId = key.substring(bar + 1);
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw new InvalidInputException("after", "is not a cursor returned by this list");
            }
        }
        // The person who left, while they exist, for what of theirs the comment may name, and what named them when they
        // wrote it (an erased person's opt-out names a pseudonym, which joins no one: their comment was cut at the
        // erasure, and what named them then forgotten).
        StringBuilder sql = new StringBuilder("SELECT o.id, o.feedback_comment, o.feedback_reason, o.purpose_key,"
                + " o.channel, o.source, o.occurred_at, c.attributes, c.external_id, c.postal_lines, c.postal_postcode,"
                + " c.postal_city, o.comment_terms FROM opt_out o LEFT JOIN contact c ON c.id = o.contact_id"
                + " WHERE o.feedback_comment IS NOT NULL AND o.feedback_comment <> ''"
                + " AND o.occurred_at >= ? AND o.occurred_at < ?");
        if (purpose != null) {
            sql.append(" AND o.purpose_key = ?");
        }
        if (afterTime != null) {
            sql.append(" AND (o.occurred_at < ? OR (o.occurred_at = ? AND o.id < ?))");
        }
        sql.append(" ORDER BY o.occurred_at DESC, o.id DESC");
        Query q = em.createNativeQuery(sql.toString());
        int i = 1;
        q.setParameter(i++, Timestamp.from(from));
        q.setParameter(i++, Timestamp.from(to));
        if (purpose != null) {
            q.setParameter(i++, purpose);
        }
        if (afterTime != null) {
            q.setParameter(i++, Timestamp.from(afterTime));
            q.setParameter(i++, Timestamp.from(afterTime));
            q.setParameter(i, afterId);
        }
        q.setMaxResults(limit + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Comment> comments = rows.stream()
                .map(r -> new Comment(
                        String.valueOf(r[0]).strip(),
                        withoutIdentifiers(PersonInComment.cut(
                                (String) r[1],
                                PersonInComment.union(
                                        PersonInComment.valuesOf(
                                                (String) r[7], (String) r[8], (String) r[9], (String) r[10], (String)
                                                        r[11]),
                                        PersonInComment.keptValues((String) r[12])),
                                WITHHELD)),
                        r[2] == null ? null : (String) r[2],
                        r[3] == null ? null : (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        ((Timestamp) r[6]).toInstant()))
                .toList();
        return Page.of("opt-out-comments", comments, limit, c -> c.occurredAt() + "|" + c.id());
    }
}
