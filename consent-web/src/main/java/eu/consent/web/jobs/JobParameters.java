package eu.consent.web.jobs;

import eu.consent.batch.retention.IdRanges;
import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The parameters each job takes over REST and their sane range: a purge with {@code retentionMonths=0} would erase
 * every contact, a chunk of a billion rows would hold one transaction for ever. Anything else is refused by name.
 */
final class JobParameters {

    /** One parameter's accepted values: a whole number in [min, max], a boolean, or a name. */
    private record Rule(long min, long max, Pattern pattern) {
        static Rule number(long min, long max) {
            return new Rule(min, max, null);
        }

        static Rule matching(String regex) {
            return new Rule(0, 0, Pattern.compile(regex));
        }

        String problem(String value) {
            if (pattern != null) {
                return pattern.matcher(value).matches() ? null : "must match " + pattern.pattern();
            }
            try {
                long n = Long.parseLong(value);
                return n >= min && n <= max ? null : "must be between " + min + " and " + max;
            } catch (NumberFormatException e) {
                return "must be a whole number between " + min + " and " + max;
            }
        }
    }

    private static final Rule CHUNK = Rule.number(1, 10_000);
    private static final Rule FETCH = Rule.number(1, 10_000);

    /** Per job: its parameters. Retention: at least 6 months (the law's floor is the purpose, not zero). */
    private static final Map<String, Map<String, Rule>> JOBS = Map.of(
            "audit-verify", Map.of("chunkSize", CHUNK, "fetchSize", FETCH, "full", Rule.matching("true|false")),
            "retention-purge",
                    Map.of(
                            "chunkSize",
                            CHUNK,
                            "fetchSize",
                            FETCH,
                            "retentionMonths",
                            Rule.number(6, 1200),
                            "importKeepDays",
                            Rule.number(0, 3650),
                            "partitions",
                            Rule.number(1, IdRanges.MAX)),
            "reactivation-flag", Map.of("chunkSize", CHUNK, "fetchSize", FETCH),
            "pending-expiry", Map.of("chunkSize", CHUNK, "fetchSize", FETCH, "expiryDays", Rule.number(0, 365)),
            "suppression-resync", Map.of("chunkSize", CHUNK, "source", Rule.matching("[a-z0-9-]{1,64}")));

    private JobParameters() {}

    /**
     * Every parameter some job takes, with what its range reads as in the OpenAPI document ({@code "1 to 10000"}), or
     * null for a boolean or a name: the document's description of the start operation is checked against it.
     */
    static Map<String, String> documented() {
        Map<String, String> all = new java.util.TreeMap<>();
        JOBS.values()
                .forEach(rules -> rules.forEach((name, rule) ->
                        all.put(name, rule.pattern() == null ? rule.min() + " to " + rule.max() : null)));
        return all;
    }

    /** The job parameters from a start request's query, or a 422 naming each unknown or out-of-range one. */
    static Properties of(String job, Map<String, List<String>> query) {
        Map<String, Rule> rules = JOBS.getOrDefault(job, Map.of());
        List<FieldError> errors = new ArrayList<>();
        Properties parameters = new Properties();
        query.forEach((name, values) -> {
            Rule rule = rules.get(name);
            String value = values.isEmpty() ? "" : values.get(0);
            String problem = rule == null
                    ? "is not a parameter of " + job + " (it takes " + String.join(", ", rules.keySet()) + ")"
                    : values.size() > 1 ? "is given more than once" : rule.problem(value);
            if (problem != null) {
                errors.add(new FieldError(name, problem));
            } else {
                parameters.setProperty(name, value);
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return parameters;
    }
}
