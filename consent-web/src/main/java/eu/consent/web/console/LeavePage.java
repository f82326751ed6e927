package eu.consent.web.console;

import eu.consent.dashboard.DashboardQueries;
import eu.consent.optout.OptOutComments;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.Page;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * "Why people leave": the reasons given when opting out, as a chart and a table, and — for the roles that may read
 * what people typed (auditor, admin) — their comments, newest first, for one purpose or all, over a period.
 */
@Path("console/leave")
@Produces(MediaType.TEXT_HTML)
public class LeavePage {

    private static final List<String> REASONS =
            List.of("TOO_FREQUENT", "NOT_RELEVANT", "NEVER_SIGNED_UP", "OTHER", "NONE");
    private static final int PAGE = 50;

    @Inject
    Console console;

    @Inject
    DashboardQueries queries;

    @Inject
    OptOutComments comments;

    @Inject
    PurposeService purposes;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(hidden = true)
    public Response leave(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("purpose") String purpose,
            @QueryParam("after") String after) {
        ConsoleUser user = console.user(request);
        ConsoleView view = console.view(request);
        DashboardPage.Range range = DashboardPage.Range.of(from, to, null, null, clock);
        String key = purpose == null || purpose.isBlank() ? null : purpose.strip();
        String filter = "from=" + range.from() + "&to=" + range.to()
                + (key == null ? "" : "&purpose=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        Map<String, Object> model = new HashMap<>();
        model.put("self", "/console/leave?" + filter);
        model.put(
                "range",
                Map.of("from", range.from().toString(), "to", range.to().toString()));
        List<Map<String, Object>> options = new ArrayList<>();
        for (Purpose p : purposes.all()) {
            options.add(Map.of("value", p.key(), "selected", p.key().equals(key)));
        }
        model.put("purposes", options);

        Map<String, Long> byReason = queries.optOutsByReason(range.start(), range.end(), key);
        long[][] values = new long[REASONS.size()][1];
        Table table = new Table(
                view.text("leave.reasons.table"), List.of(view.text("column.reason"), view.text("dashboard.people")));
        for (int i = 0; i < REASONS.size(); i++) {
            values[i][0] = byReason.getOrDefault(REASONS.get(i), 0L);
            table.row(List.of(view.label("value", REASONS.get(i)), values[i][0]));
        }
        model.put(
                "chart",
                BarChart.svg(
                        "reasons",
                        view.text("leave.reasons.chart"),
                        view.text("dashboard.optouts.desc", range.from(), range.to()),
                        new BarChart.Data(
                                REASONS.stream()
                                        .map(r -> view.label("value", r))
                                        .toList(),
                                List.of("people"),
                                values),
                        List.of(view.text("dashboard.people"))));
        model.put("table", table.model(view));

        if (user.seesPersonalData()) {
            Page<OptOutComments.Comment> page = comments.list(
                    range.start(), range.end(), key, PAGE, after == null || after.isBlank() ? null : after);
            List<Map<String, Object>> items = new ArrayList<>();
            for (OptOutComments.Comment c : page.items()) {
                Map<String, Object> item = new HashMap<>();
                item.put("comment", c.comment());
                item.put("reason", c.reason() == null ? view.label("value", "NONE") : view.label("value", c.reason()));
                item.put("purpose", c.purpose() == null ? view.text("leave.allPurposes") : c.purpose());
                item.put("source", view.label("value", c.source()));
                item.put("date", c.occurredAt().toString().substring(0, 16).replace('T', ' '));
                items.add(item);
            }
            model.put("comments", Map.of("items", items, "none", items.isEmpty()));
            if (page.next() != null) {
                model.put("next", "/console/leave?" + filter + "&after=" + page.next() + "&lang=" + view.language());
            }
        } else {
            model.put("commentsHidden", true);
        }
        return console.page(request, view, "leave", view.text("nav.leave"), "leave", model);
    }
}
