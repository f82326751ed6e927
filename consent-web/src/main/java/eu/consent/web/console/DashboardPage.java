package eu.consent.web.console;

import eu.consent.dashboard.DashboardQueries;
import eu.consent.web.QueryParams;
import eu.consent.web.jobs.JobExecutionView;
import eu.consent.web.jobs.NightlySchedule;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard: opt-outs over time (by reason, source or purpose, per day or week, with the rate per thousand sends),
 * consents by purpose, channel, state and basis, suppressions by reason and source, the retention figures and the
 * nightly jobs. Aggregates only, so every console role may see it; each chart's numbers are also a table and a CSV.
 */
@Path("console")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    static final int DEFAULT_DAYS = 30;
    private static final int MAX_DAYS = 731;

    @Inject
    Console console;

    @Inject
    DashboardQueries queries;

    @Inject
    NightlySchedule schedule;

    @Inject
    JobDesk jobs;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    /** The period and grouping of the opt-out chart, from the query (dates, UTC; days or weeks). */
    record Range(LocalDate from, LocalDate to, boolean weekly, DashboardQueries.Split split) {

        static Range of(String from, String to, String by, String split, Clock clock) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            LocalDate end = Optional.ofNullable(QueryParams.instant("to", to))
                    .map(i -> i.atOffset(ZoneOffset.UTC).toLocalDate())
                    .orElse(today);
            LocalDate start = Optional.ofNullable(QueryParams.instant("from", from))
                    .map(i -> i.atOffset(ZoneOffset.UTC).toLocalDate())
                    .orElse(end.minusDays(DEFAULT_DAYS - 1));
            if (end.isBefore(start) || start.plusDays(MAX_DAYS).isBefore(end)) {
                throw new eu.consent.shared.InvalidInputException(
                        "to", "must be on or after from, at most " + MAX_DAYS + " days later");
            }
            boolean weekly = "week".equals(by);
            if (by != null && !by.isEmpty() && !weekly && !"day".equals(by)) {
                throw new eu.consent.shared.InvalidInputException("by", "must be day or week");
            }
            DashboardQueries.Split s =
                    split == null || split.isEmpty() ? DashboardQueries.Split.REASON : DashboardQueries.Split.of(split);
            return new Range(start, end, weekly, s);
        }

        Instant start() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The end of the last day, exclusive. */
        Instant end() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        String query() {
            return "from=" + from + "&to=" + to + "&by=" + (weekly ? "week" : "day") + "&split="
                    + split.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @GET
    @Operation(hidden = true)
    public Response dashboard(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("by") String by,
            @QueryParam("split") String split) {
        ConsoleView view = console.view(request);
        Range range = Range.of(from, to, by, split, clock);
        Map<String, Object> model = new HashMap<>();
        model.put("self", "/console/?" + range.query());
        model.put(
                "range",
                Map.of(
                        "from", range.from().toString(),
                        "to", range.to().toString(),
                        "week", range.weekly(),
                        "query", range.query()));
        List<Map<String, Object>> splits = new ArrayList<>();
        for (DashboardQueries.Split s : DashboardQueries.Split.values()) {
            splits.add(Map.of(
                    "value",
                    s.name().toLowerCase(java.util.Locale.ROOT),
                    "text",
                    view.text("split." + s.name()),
                    "selected",
                    s == range.split()));
        }
        model.put("splits", splits);

        OptOutSeries series = series(range);
        List<String> labels = series.keys().stream()
                .map(k -> view.label(range.split() == DashboardQueries.Split.PURPOSE ? "purpose" : "value", k))
                .toList();
        model.put(
                "optOutChart",
                BarChart.svg(
                        "optouts",
                        view.text(
                                "dashboard.optouts.chart",
                                view.text("split." + range.split().name())),
                        view.text("dashboard.optouts.desc", range.from(), range.to()),
                        new BarChart.Data(
                                series.periods().stream()
                                        .map(LocalDate::toString)
                                        .toList(),
                                series.keys(),
                                series.people()),
                        labels));
        model.put("optOutTable", optOutTable(view, series, labels).model(view));
        // The range's distinct people: neither the sum of its periods nor of its values counts a person once.
        long total = series.overall();
        long sends = 0;
        for (int p = 0; p < series.periods().size(); p++) {
            sends += series.sends()[p];
        }
        model.put("optOutTotal", total);
        model.put("sendsTotal", sends);
        model.put("rate", sends == 0 ? "–" : String.format(view.locale(), "%.2f", total * 1000.0 / sends));

        List<DashboardQueries.ConsentCount> consents = queries.consents();
        model.put("consentChart", consentChart(view, consents));
        model.put("consentTable", consentTable(view, consents).model(view));
        List<DashboardQueries.SuppressionCount> suppressions = queries.suppressions();
        model.put("suppressionChart", suppressionChart(view, suppressions));
        model.put("suppressionTable", suppressionTable(view, suppressions).model(view));

        List<NightlySchedule.Scheduled> scheduled = schedule.scheduled();
        Instant nextPurge = scheduled.stream()
                .filter(s -> s.job().equals("retention-purge"))
                .map(NightlySchedule.Scheduled::next)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(clock.instant());
        model.put("reactivation", queries.reactivationListSize());
        model.put("purgeable", queries.purgeableAt(nextPurge));
        model.put("jobTable", jobTable(view, jobs.latest(1)).model(view));
        model.put("scheduleTable", scheduleTable(view, scheduled).model(view));
        model.put("scheduleOff", scheduled.isEmpty());
        return console.page(request, view, "dashboard", view.text("nav.dashboard"), "dashboard", model);
    }

    @GET
    @Path("dashboard/{table}.csv")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Response csv(
            @PathParam("table") String table,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("by") String by,
            @QueryParam("split") String split) {
        ConsoleView view = console.view(request);
        console.user(request);
        Table t =
                switch (table) {
                    case "opt-outs" -> {
                        Range range = Range.of(from, to, by, split, clock);
                        OptOutSeries series = series(range);
                        yield optOutTable(view, series, series.keys());
                    }
                    case "consents" -> consentTable(view, queries.consents());
                    case "suppressions" -> suppressionTable(view, queries.suppressions());
                    default -> throw new NotFoundException();
                };
        return Response.ok(t.csv(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + table + ".csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private OptOutSeries series(Range range) {
        return OptOutSeries.of(
                range.from(),
                range.to(),
                range.weekly(),
                queries.optOuts(range.start(), range.end(), range.weekly(), range.split()),
                queries.sendsByDay(range.start(), range.end()));
    }

    private static Table optOutTable(ConsoleView view, OptOutSeries series, List<String> labels) {
        List<String> head = new ArrayList<>();
        head.add(view.text("dashboard.period"));
        head.addAll(labels);
        head.add(view.text("dashboard.people"));
        head.add(view.text("dashboard.sends"));
        head.add(view.text("dashboard.rate"));
        Table t = new Table(view.text("dashboard.optouts.table"), head);
        for (int p = 0; p < series.periods().size(); p++) {
            List<Object> row = new ArrayList<>();
            row.add(series.periods().get(p).toString());
            for (long v : series.people()[p]) {
                row.add(v);
            }
            row.add(series.total(p));
            row.add(series.sends()[p]);
            row.add(series.ratePerThousand(p));
            t.row(row);
        }
        return t;
    }

    private static String consentChart(ConsoleView view, List<DashboardQueries.ConsentCount> consents) {
        Map<String, Map<String, Long>> byPair = new LinkedHashMap<>();
        List<String> states = List.of("GRANTED", "PENDING", "WITHDRAWN", "OBJECTED");
        for (DashboardQueries.ConsentCount c : consents) {
            byPair.computeIfAbsent(c.purpose() + " · " + c.channel(), k -> new HashMap<>())
                    .merge(c.state(), c.count(), Long::sum);
        }
        List<String> pairs = new ArrayList<>(byPair.keySet());
        long[][] values = new long[pairs.size()][states.size()];
        for (int i = 0; i < pairs.size(); i++) {
            for (int s = 0; s < states.size(); s++) {
                values[i][s] = byPair.get(pairs.get(i)).getOrDefault(states.get(s), 0L);
            }
        }
        return BarChart.svg(
                "consents",
                view.text("dashboard.consents.chart"),
                view.text("dashboard.consents.desc"),
                new BarChart.Data(pairs, states, values),
                states.stream().map(s -> view.label("value", s)).toList());
    }

    private static Table consentTable(ConsoleView view, List<DashboardQueries.ConsentCount> consents) {
        Table t = new Table(
                view.text("dashboard.consents.table"),
                List.of(
                        view.text("column.purpose"),
                        view.text("column.channel"),
                        view.text("column.state"),
                        view.text("column.basis"),
                        view.text("column.count")));
        for (DashboardQueries.ConsentCount c : consents) {
            t.row(List.of(
                    c.purpose(),
                    c.channel(),
                    new Table.Code("value", c.state()),
                    new Table.Code("value", c.basis()), // "-" (none) as it is, in the CSV too
                    c.count()));
        }
        return t;
    }

    private static String suppressionChart(ConsoleView view, List<DashboardQueries.SuppressionCount> suppressions) {
        List<String> reasons = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (DashboardQueries.SuppressionCount s : suppressions) {
            if (!reasons.contains(s.reason())) {
                reasons.add(s.reason());
            }
            if (!kinds.contains(sourceKind(s.source()))) {
                kinds.add(sourceKind(s.source()));
            }
        }
        long[][] values = new long[reasons.size()][kinds.size()];
        for (DashboardQueries.SuppressionCount s : suppressions) {
            values[reasons.indexOf(s.reason())][kinds.indexOf(sourceKind(s.source()))] += s.count();
        }
        return BarChart.svg(
                "suppressions",
                view.text("dashboard.suppressions.chart"),
                view.text("dashboard.suppressions.desc"),
                new BarChart.Data(
                        reasons.stream().map(r -> view.label("value", r)).toList(), kinds, values),
                kinds);
    }

    /** The family of a suppression source (person, list:NAME, esp:PROVIDER, erasure, …) for the chart's legend. */
    static String sourceKind(String source) {
        int colon = source.indexOf(':');
        return colon > 0 ? source.substring(0, colon) : source;
    }

    private static Table suppressionTable(ConsoleView view, List<DashboardQueries.SuppressionCount> suppressions) {
        Table t = new Table(
                view.text("dashboard.suppressions.table"),
                List.of(view.text("column.reason"), view.text("column.source"), view.text("column.count")));
        for (DashboardQueries.SuppressionCount s : suppressions) {
            t.row(List.of(new Table.Code("value", s.reason()), new Table.Code("source", s.source()), s.count()));
        }
        return t;
    }

    static Table jobTable(ConsoleView view, List<JobExecutionView> runs) {
        Table t = new Table(
                view.text("jobs.runs"),
                List.of(
                        view.text("column.job"),
                        view.text("column.execution"),
                        view.text("column.status"),
                        view.text("column.started"),
                        view.text("column.ended"),
                        view.text("column.read"),
                        view.text("column.written"),
                        view.text("column.skipped")));
        for (JobExecutionView run : runs) {
            long read = 0;
            long written = 0;
            long skipped = 0;
            for (JobExecutionView.StepView step : run.steps()) {
                read += step.metrics().getOrDefault("readCount", 0L);
                written += step.metrics().getOrDefault("writeCount", 0L);
                skipped += step.metrics().getOrDefault("readSkipCount", 0L)
                        + step.metrics().getOrDefault("processSkipCount", 0L)
                        + step.metrics().getOrDefault("writeSkipCount", 0L);
            }
            List<Object> row = new ArrayList<>();
            row.add(run.jobName());
            row.add(run.executionId());
            row.add(new Table.Code("value", run.status()));
            row.add(run.startedAt() == null ? null : run.startedAt().toString());
            row.add(run.endedAt() == null ? null : run.endedAt().toString());
            row.add(read);
            row.add(written);
            row.add(skipped);
            t.row(row);
        }
        return t;
    }

    private static Table scheduleTable(ConsoleView view, List<NightlySchedule.Scheduled> scheduled) {
        Table t = new Table(
                view.text("dashboard.schedule"),
                List.of(view.text("column.job"), view.text("column.cron"), view.text("column.next")));
        for (NightlySchedule.Scheduled s : scheduled) {
            Instant next = s.next();
            t.row(List.of(s.job(), s.cron(), next == null ? "–" : next.toString()));
        }
        return t;
    }
}
