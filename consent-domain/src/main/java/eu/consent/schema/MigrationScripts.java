package eu.consent.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.SqlPrecondition;
import liquibase.resource.ResourceAccessor;

/**
 * The changelog: {@code db/migration/index.txt} lists the scripts in the order they apply, one per line, and each
 * becomes one Liquibase changeSet (id = the script's name). A line may add {@code dbms:postgresql} or {@code
 * dbms:derby} to run a script on that database only, for the rare type choice one database does better. The list is
 * explicit rather than scanned: application servers expose class-path resources through their own URL schemes, and
 * parallel branches each add one line.
 */
final class MigrationScripts {

    static final String BASE = "db/migration/";
    static final String INDEX = BASE + "index.txt";
    private static final String AUTHOR = "consent";

    private final ClassLoader loader;
    private final List<Script> scripts;

    record Script(String name, String dbms) {}

    private MigrationScripts(ClassLoader loader, List<Script> scripts) {
        this.loader = loader;
        this.scripts = scripts;
    }

    static MigrationScripts fromIndex(ClassLoader loader) {
        List<Script> scripts = new ArrayList<>();
        for (String line : read(loader, INDEX).split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.split("\\s+");
            if (!parts[0].matches("[A-Za-z0-9_.-]+\\.sql")
                    || parts.length > 2
                    || (parts.length == 2 && !parts[1].matches("dbms:(derby|postgresql)"))) {
                throw new IllegalStateException("unreadable line in " + INDEX + ": " + entry);
            }
            scripts.add(new Script(parts[0], parts.length == 2 ? parts[1].substring(5) : null));
        }
        return new MigrationScripts(loader, List.copyOf(scripts));
    }

    List<Script> scripts() {
        return scripts;
    }

    String text(Script script) {
        return read(loader, BASE + script.name());
    }

    ResourceAccessor resources() {
        return new ClassPathScripts(loader);
    }

    /**
     * One changeSet per script. On a database that the home-made migrator of earlier versions created, each script it
     * recorded in {@code schema_version} is marked as run instead of being run again.
     */
    DatabaseChangeLog changeLog(LegacyVersions legacy) {
        DatabaseChangeLog log = new DatabaseChangeLog(INDEX);
        for (Script script : scripts) {
            ChangeSet set = new ChangeSet(script.name(), AUTHOR, false, false, INDEX, null, script.dbms(), log);
            SQLFileChange change = new SQLFileChange();
            change.setPath(BASE + script.name());
            change.setEncoding("UTF-8");
            change.setSplitStatements(true);
            change.setStripComments(true);
            set.addChange(change);
            if (legacy.exists()) {
                set.setPreconditions(notAppliedBefore(script));
            }
            log.addChangeSet(set);
        }
        return log;
    }

    private static PreconditionContainer notAppliedBefore(Script script) {
        SqlPrecondition check = new SqlPrecondition();
        check.setSql("SELECT COUNT(*) FROM " + LegacyVersions.TABLE + " WHERE script = '" + script.name() + "'");
        check.setExpectedResult("0");
        PreconditionContainer container = new PreconditionContainer();
        container.setOnFail(PreconditionContainer.FailOption.MARK_RAN);
        container.addNestedPrecondition(check);
        return container;
    }

    static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
