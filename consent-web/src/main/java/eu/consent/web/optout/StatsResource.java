package eu.consent.web.optout;

import eu.consent.optout.OptOutComments;
import eu.consent.optout.OptOutStats;
import eu.consent.purpose.PurposeService;
import eu.consent.retention.Reactivation;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Page;
import eu.consent.web.PageView;
import eu.consent.web.QueryParams;
import eu.consent.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
public class StatsResource {

    private static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    @Inject
    OptOutStats stats;

    /** Beside the people who left, those who answered a re-permission message "keep me" in the same period. */
    @Inject
    Reactivation reactivation;

    @Inject
    OptOutComments comments;

    @Inject
    Clock clock;

    @Inject
    PurposeService purposes;

    /**
     * The purpose a filter names, or null for all; one nobody defined is a 422, not a period in which "nobody left" (a
     * typo in a report's purpose read as zero, tester BI's F8, until 2026-12-07).
     */
    private String purposeFilter(String purpose) {
        String key = QueryParams.name("purpose", purpose);
        if (key != null && !purposes.exists(key)) {
            throw new InvalidInputException("purpose", PurposeService.UNKNOWN_PURPOSE);
        }
        return key;
    }

    /** A period asked for: {@code [from, to)}, {@code to} now and {@code from} 30 days before it when not given. */
    private record Period(Instant start, Instant end) {}

    private Period period(String from, String to) {
        Instant given = QueryParams.instant("to", to);
        Instant end = Optional.ofNullable(given).orElse(eu.consent.shared.Times.now(clock));
        Instant start = Optional.ofNullable(QueryParams.instant("from", from)).orElse(end.minus(DEFAULT_SPAN));
        if (given == null && !start.isBefore(end)) {
            // The client sent no to: the period ends now, and it is their from that is off (tester BF's F7: until
            // 2026-12-07 the 422 named the to they never sent).
            throw new InvalidInputException("from", "must be before to, which is now when not given");
        }
        return new Period(start, end);
    }

    /** A comment as the API shows it: what was said, about what, when; never who said it. */
    public record CommentView(
            String comment, String reason, String purpose, String channel, String source, Instant occurredAt) {

        static CommentView of(OptOutComments.Comment c) {
            return new CommentView(c.comment(), c.reason(), c.purpose(), c.channel(), c.source(), c.occurredAt());
        }
    }

    @GET
    @Path("opt-outs/comments")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(
            summary = "The free-text comments left when opting out in [from, to) (default: the last 30 days), newest"
                    + " first, paged; filter by purpose. Never the person's identity.")
    public PageView<CommentView> comments(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("purpose") String purpose,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        Period period = period(from, to);
        String key = purposeFilter(purpose);
        return PageView.of(comments.list(period.start(), period.end(), key, Page.limit(limit), after), CommentView::of);
    }

    /**
     * Counts for one chart: {@code total} is the distinct people over the whole period (a person in two buckets counts
     * once), {@code events} the opt-outs, {@code sent} the messages reported sent, {@code ratePerThousand} people per
     * thousand of them (null: no send reported); each bucket the same for its key.
     */
    public record OptOutCounts(
            Instant from,
            Instant to,
            String by,
            String purpose,
            long total,
            long events,
            long sent,
            Double ratePerThousand,
            List<OptOutStats.Bucket> buckets,
            long stayed) {}

    @GET
    @Path("opt-outs")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(
            summary = "People who opted out in [from, to) (default: the last 30 days) by day, ISO week (its Monday),"
                    + " feedback reason, purpose, channel or source, with the sends reported and the rate per thousand;"
                    + " optionally of one purpose")
    public OptOutCounts optOuts(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("by") String by,
            @QueryParam("purpose") String purpose) {
        Period period = period(from, to);
        Instant start = period.start();
        Instant end = period.end();
        OptOutStats.By grouping = OptOutStats.By.of(by == null || by.isBlank() ? "day" : by.strip());
        String key = purposeFilter(purpose);
        OptOutStats.Counts counts = stats.count(start, end, grouping, key);
        return new OptOutCounts(
                start,
                end,
                grouping.name().toLowerCase(java.util.Locale.ROOT),
                key,
                counts.people(),
                counts.events(),
                counts.sent(),
                counts.ratePerThousand(),
                counts.buckets(),
                reactivation.stayed(start, end));
    }
}
