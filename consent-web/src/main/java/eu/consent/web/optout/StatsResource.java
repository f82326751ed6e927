package eu.consent.web.optout;

import eu.consent.optout.OptOutComments;
import eu.consent.optout.OptOutStats;
import eu.consent.retention.Reactivation;
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
        Instant end = Optional.ofNullable(QueryParams.instant("to", to)).orElse(clock.instant());
        Instant start = Optional.ofNullable(QueryParams.instant("from", from)).orElse(end.minus(DEFAULT_SPAN));
        String key = purpose == null || purpose.isBlank() ? null : purpose.strip();
        return PageView.of(comments.list(start, end, key, Page.limit(limit), after), CommentView::of);
    }

    /** Counts for one chart. */
    public record OptOutCounts(
            Instant from, Instant to, String by, long total, List<OptOutStats.Bucket> buckets, long stayed) {}

    @GET
    @Path("opt-outs")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.CAMPAIGN})
    @Operation(
            summary = "Opt-outs in [from, to) (default: the last 30 days) by day, feedback reason, purpose or channel")
    public OptOutCounts optOuts(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by) {
        Instant end = Optional.ofNullable(QueryParams.instant("to", to)).orElse(clock.instant());
        Instant start = Optional.ofNullable(QueryParams.instant("from", from)).orElse(end.minus(DEFAULT_SPAN));
        OptOutStats.By grouping = OptOutStats.By.of(by == null ? "day" : by);
        List<OptOutStats.Bucket> buckets = stats.count(start, end, grouping);
        return new OptOutCounts(
                start,
                end,
                grouping.name().toLowerCase(java.util.Locale.ROOT),
                buckets.stream().mapToLong(OptOutStats.Bucket::count).sum(),
                buckets,
                reactivation.stayed(start, end));
    }
}
