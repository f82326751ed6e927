package eu.consent.container;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds the container tier's archives, from the libraries exactly as the EAR packages them (its
 * {@code lib/}: the domain and batch modules and their third-party jars, so a dependency added to a module reaches
 * the tests without a change here), plus the test's own helpers. Each archive is a web module of its own on the test
 * server, with the data source of the EAR and its own persistence unit.
 */
public final class Deployments {

    /** The EAR's library folder as the build assembled it (set by failsafe; see consent-ear/pom.xml). */
    private static final Path LIB = Path.of(System.getProperty("arquillian.ear.lib", "target/consent/lib"));

    private static final String BATCH_MODULE = "consent-batch";

    private Deployments() {}

    /** The domain module (entities, services, persistence unit) and the helpers every in-container test uses. */
    public static WebArchive domain(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(libraries(jar -> !jar.contains(BATCH_MODULE)))
                .addClasses(Deployments.class, Tx.class, TestContacts.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** The domain and batch modules (job XML and artifacts), with the EJB that operates jobs as an administrator. */
    public static WebArchive batch(String name) {
        return domain(name)
                .addAsLibraries(libraries(jar -> jar.contains(BATCH_MODULE)))
                .addClasses(Batch.class, StepMetrics.class, IdentityGenerators.class);
    }

    /**
     * The batch archive with writers that fail one chunk of an import once: a crash that a restart must mend, or a lost
     * deadlock that the run itself must mend; and a partition mapper after which the partitions' own execution rows
     * cannot be created, once: a failure of the runtime's bookkeeping that the service must mend.
     */
    public static WebArchive batchFailingOnce(String name) {
        return batch(name)
                .addClasses(FailingImportWriter.class, DeadlockingImportWriter.class, LockingImportPartitions.class);
    }

    private static File[] libraries(Predicate<String> wanted) {
        try (Stream<Path> jars = Files.list(LIB)) {
            File[] files = jars.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> wanted.test(p.getFileName().toString()))
                    .map(Path::toFile)
                    .toArray(File[]::new);
            if (files.length == 0) {
                throw new IllegalStateException("no library in " + LIB + ": package the EAR first (mvn verify)");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("the EAR's lib/ at " + LIB + " cannot be read", e);
        }
    }
}
