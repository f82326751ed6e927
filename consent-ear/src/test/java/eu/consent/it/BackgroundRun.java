package eu.consent.it;

import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the black-box suite in a JVM of its own, beside Failsafe's run, against the server its system properties name
 * ({@code it.base.url}): the build starts it in the background for the server on PostgreSQL
 * ({@code src/test/liberty/background-run.sh}), so that the Derby and PostgreSQL runs share the two cores instead of
 * following each other (each alone leaves a quarter to two fifths of them idle, waiting on its server).
 *
 * <p>Arguments: the reports folder, then the class-name patterns to include ({@code +regex}) and exclude
 * ({@code -regex}) in the packages {@code eu.consent.it} and {@code eu.consent.clientit}. It writes, like Failsafe, one
 * {@code TEST-<class>.xml} per class and {@code failsafe-summary.xml}, which Failsafe's own {@code verify} goal reads
 * to pass or fail the build; the failures, with their traces, also go to {@code failures.txt}. Its classes run as in
 * the Failsafe runs: one after the other, a class marked {@code @Execution(CONCURRENT)} in a second thread.
 */
public final class BackgroundRun {

    private BackgroundRun() {}

    public static void main(String[] args) throws IOException {
        // Ends with the build that started it (a Ctrl-C, a build failed before it waited): left running, it would test
        // the servers the next build starts.
        Long parent = Long.getLong("it.background.parent");
        if (parent != null) {
            ProcessHandle.of(parent)
                    .ifPresentOrElse(
                            build -> build.onExit()
                                    .thenRun(() -> Runtime.getRuntime().halt(3)),
                            () -> Runtime.getRuntime().halt(3));
        }
        Path reports = Path.of(args[0]);
        Files.createDirectories(reports);
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String pattern = args[i].substring(1);
            switch (args[i].charAt(0)) {
                case '+' -> includes.add(pattern);
                case '-' -> excludes.add(pattern);
                default -> named.addAll(named(pattern));
            }
        }
        if (!named.isEmpty()) {
            includes = named.stream().filter(n -> !n.startsWith("!")).toList();
            named.stream()
                    .filter(n -> n.startsWith("!"))
                    .map(n -> n.substring(1))
                    .forEach(excludes::add);
            if (includes.isEmpty()) {
                includes = List.of(".*IT");
            }
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("eu.consent.it"), selectPackage("eu.consent.clientit"))
                .filters(includeClassNamePatterns(includes.toArray(String[]::new)))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
        if (!excludes.isEmpty()) {
            request.filters(excludeClassNamePatterns(excludes.toArray(String[]::new)));
        }
        Reports listener = new Reports(reports);
        LauncherDiscoveryRequest discovery = request.build();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(discovery, listener);
        } catch (RuntimeException | Error e) {
            listener.crashed(e);
        }
        listener.writeSummary(!named.isEmpty());
        System.out.println(listener.line());
        // A test's thread left running (a pool not shut down after a failure) must not keep the build waiting.
        System.exit(0);
    }

    /**
     * The classes {@code -Dit.test} names, as Failsafe reads it: simple names or globs, comma-separated, a method after
     * {@code #} (the whole class runs here). Maven leaves the property's placeholder when it is not set.
     */
    private static List<String> named(String itTest) {
        List<String> patterns = new ArrayList<>();
        if (itTest.isBlank() || itTest.startsWith("${")) {
            return patterns;
        }
        for (String name : itTest.split(",")) {
            String type = name.strip().replaceFirst("#.*", "");
            boolean excluded = type.startsWith("!");
            type = type.replaceFirst("^!", "").replaceFirst("\\.java$", "").replaceFirst("^.*/", "");
            if (type.isEmpty()) {
                continue;
            }
            if (type.startsWith("%regex[")) {
                throw new IllegalArgumentException("-Dit.test=" + itTest + ": the PostgreSQL run takes class names and"
                        + " * or ? globs, not %regex[]");
            }
            StringBuilder regex = new StringBuilder();
            for (char c : type.toCharArray()) {
                regex.append(
                        switch (c) {
                            case '*' -> "[^.]*";
                            case '?' -> "[^.]";
                            default -> Pattern.quote(String.valueOf(c));
                        });
            }
            patterns.add((excluded ? "!" : "") + (type.contains(".") ? "" : ".*\\.") + regex);
        }
        return patterns;
    }

    /** One class's results, as Failsafe's report holds them. */
    private static final class ClassReport {
        final String name;
        final long started = System.nanoTime();
        long ended;
        final StringBuilder cases = new StringBuilder();
        int tests;
        int failures;
        int errors;
        int skipped;

        ClassReport(String name) {
            this.name = name;
        }
    }

    /** Writes the reports as the tests finish, and the summary at the end. */
    private static final class Reports implements TestExecutionListener {
        private final Path folder;
        private final Map<String, ClassReport> classes = new ConcurrentHashMap<>();
        private final Map<TestIdentifier, Long> started = new ConcurrentHashMap<>();
        private final Map<String, String[]> failures = new LinkedHashMap<>();
        private TestPlan plan;
        private int completed;
        private int failed;
        private int errors;
        private int skipped;
        private String crash;

        Reports(Path folder) {
            this.folder = folder;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id, System.nanoTime());
            className(id)
                    .filter(name -> id.isContainer() && classOf(id))
                    .ifPresent(name -> classes.put(name, new ClassReport(name)));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            Optional<ClassReport> report = className(id).map(classes::get);
            synchronized (this) {
                if (id.isTest()) {
                    completed++;
                    skipped++;
                    report.ifPresent(r -> {
                        r.tests++;
                        r.skipped++;
                        r.cases
                                .append(testcase(id, r.name, 0))
                                .append("<skipped message=\"")
                                .append(xml(reason))
                                .append("\"/></testcase>\n");
                    });
                }
            }
        }

        @Override
        public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long nanos = System.nanoTime() - started.getOrDefault(id, System.nanoTime());
            String className = className(id).orElse(id.getDisplayName());
            ClassReport report = classes.get(className);
            TestExecutionResult.Status status = result.getStatus();
            // A container that fails (a class's set-up, the engine) counts as one test of its own, as in Failsafe.
            if (id.isTest() || status == TestExecutionResult.Status.FAILED) {
                completed++;
                Throwable t = result.getThrowable().orElse(null);
                String kind =
                        switch (status) {
                            case SUCCESSFUL -> null;
                            case ABORTED -> "skipped";
                            case FAILED -> t instanceof AssertionError ? "failure" : "error";
                        };
                if ("skipped".equals(kind)) {
                    skipped++;
                } else if ("failure".equals(kind)) {
                    failed++;
                } else if ("error".equals(kind)) {
                    errors++;
                }
                if (status == TestExecutionResult.Status.FAILED) {
                    failures.put(id.getUniqueId(), new String[] {className + " " + id.getDisplayName(), trace(t)});
                }
                if (report != null) {
                    report.tests++;
                    report.cases.append(testcase(id, className, nanos));
                    if (kind != null) {
                        switch (kind) {
                            case "skipped" -> report.skipped++;
                            case "failure" -> report.failures++;
                            default -> report.errors++;
                        }
                        report.cases
                                .append('<')
                                .append(kind)
                                .append(" message=\"")
                                .append(xml(t == null ? String.valueOf(status) : String.valueOf(t.getMessage())))
                                .append("\" type=\"")
                                .append(t == null ? "" : t.getClass().getName())
                                .append("\">")
                                .append(xml(trace(t)))
                                .append("</")
                                .append(kind)
                                .append('>');
                    }
                    report.cases.append("</testcase>\n");
                }
            }
            if (report != null && id.isContainer() && classOf(id)) {
                report.ended = System.nanoTime();
                classes.remove(className);
                write(report);
            }
        }

        void crashed(Throwable t) {
            crash = trace(t);
        }

        String line() {
            return "Tests run: " + completed + ", Failures: " + failed + ", Errors: " + errors + ", Skipped: " + skipped
                    + (crash == null ? "" : " — the run itself failed: see failures.txt");
        }

        /** The summary; a run that ran nothing fails, unless {@code -Dit.test} named only classes it leaves out. */
        synchronized void writeSummary(boolean narrowed) {
            StringBuilder text = new StringBuilder();
            failures.values()
                    .forEach(f -> text.append(f[0]).append('\n').append(f[1]).append('\n'));
            if (crash != null) {
                text.append("The run itself failed:\n").append(crash);
            }
            boolean empty = completed == 0 && !narrowed;
            String message;
            if (crash != null) {
                message = "the run itself failed: see failures.txt";
            } else if (empty) {
                message = "the PostgreSQL run found no test to run";
            } else if (failures.isEmpty()) {
                message = null;
            } else {
                message = failures.size() + " tests failed: "
                        + String.join(
                                ", ", failures.values().stream().map(f -> f[0]).toList());
            }
            int countedErrors = errors + (crash != null || empty ? 1 : 0);
            String summary = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<failsafe-summary timeout=\"false\">\n"
                    + "    <completed>" + completed + "</completed>\n"
                    + "    <errors>" + countedErrors + "</errors>\n"
                    + "    <failures>" + failed + "</failures>\n"
                    + "    <skipped>" + skipped + "</skipped>\n"
                    + (message == null ? "" : "    <failureMessage>" + xml(message) + "</failureMessage>\n")
                    + "</failsafe-summary>\n";
            try {
                Files.writeString(folder.resolve("failures.txt"), text, StandardCharsets.UTF_8);
                Files.writeString(folder.resolve("failsafe-summary.xml"), summary, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void write(ClassReport r) {
            double seconds = (r.ended - r.started) / 1e9;
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + xml(r.name) + "\" tests=\""
                    + r.tests + "\" failures=\"" + r.failures + "\" errors=\"" + r.errors + "\" skipped=\"" + r.skipped
                    + "\" time=\"" + String.format(java.util.Locale.ROOT, "%.3f", seconds) + "\">\n" + r.cases
                    + "</testsuite>\n";
            try {
                Files.writeString(folder.resolve("TEST-" + r.name + ".xml"), xml, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.printf(
                    java.util.Locale.ROOT,
                    "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d, Time elapsed: %.1f s - in %s%n",
                    r.tests,
                    r.failures,
                    r.errors,
                    r.skipped,
                    seconds,
                    r.name);
        }

        private static boolean classOf(TestIdentifier id) {
            return id.getSource().filter(ClassSource.class::isInstance).isPresent();
        }

        /** The test class a test or container belongs to, from its own source or its nearest parent's. */
        private Optional<String> className(TestIdentifier id) {
            for (TestIdentifier at = id;
                    at != null;
                    at = plan == null ? null : plan.getParent(at).orElse(null)) {
                TestSource source = at.getSource().orElse(null);
                if (source instanceof MethodSource method) {
                    return Optional.of(method.getClassName());
                }
                if (source instanceof ClassSource type) {
                    return Optional.of(type.getClassName());
                }
            }
            return Optional.empty();
        }

        private static String testcase(TestIdentifier id, String className, long nanos) {
            return "  <testcase name=\"" + xml(id.getDisplayName()) + "\" classname=\"" + xml(className) + "\" time=\""
                    + String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9) + "\">";
        }

        private static String trace(Throwable t) {
            if (t == null) {
                return "";
            }
            StringWriter out = new StringWriter();
            t.printStackTrace(new PrintWriter(out));
            return out.toString();
        }

        /** Text as XML character data: escaped, and what XML cannot hold (controls, lone surrogates) a space. */
        private static String xml(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    default -> {
                        boolean allowed = c == '\n'
                                || c == '\r'
                                || c == '\t'
                                || (c >= 0x20 && c <= 0xD7FF)
                                || (c >= 0xE000 && c <= 0xFFFD)
                                || c >= 0x10000;
                        if (allowed) {
                            out.appendCodePoint(c);
                        } else {
                            out.append(' ');
                        }
                    }
                }
            });
            return out.toString();
        }
    }
}
