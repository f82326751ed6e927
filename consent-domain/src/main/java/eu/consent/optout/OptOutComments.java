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
        StringBuilder sql = new StringBuilder("SELECT id, feedback_comment, feedback_reason, purpose_key, channel,"
                + " source, occurred_at FROM opt_out WHERE feedback_comment IS NOT NULL AND feedback_comment <> ''"
                + " AND occurred_at >= ? AND occurred_at < ?");
        if (purpose != null) {
            sql.append(" AND purpose_key = ?");
        }
        if (afterTime != null) {
            sql.append(" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))");
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC");
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
                        withoutIdentifiers((String) r[1]),
                        r[2] == null ? null : (String) r[2],
                        r[3] == null ? null : (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        ((Timestamp) r[6]).toInstant()))
                .toList();
        return Page.of("opt-out-comments", comments, limit, c -> c.occurredAt() + "|" + c.id());
    }
}
