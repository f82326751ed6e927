package eu.consent.container;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import eu.consent.batch.imports.ImportChunkWriter;
import eu.consent.contact.Contact;
import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one place that builds the container tier's archives: the modules exactly as the build packaged them (the jars of
 * the reactor, or their classes directories), plus the test's own helpers. Each archive is a web module of its own on
 * the test server, with the data source of the EAR and its own persistence unit.
 */
public final class Deployments {

    private Deployments() {}

    /** The domain module (entities, services, persistence unit) and the helpers every in-container test uses. */
    public static WebArchive domain(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(
                        module(Contact.class, "consent-domain"), module(PhoneNumberUtil.class, "libphonenumber"))
                .addClasses(Deployments.class, Tx.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** The domain and batch modules (job XML and artifacts), with the EJB that operates jobs as an administrator. */
    public static WebArchive batch(String name) {
        return domain(name)
                .addAsLibraries(module(ImportChunkWriter.class, "consent-batch"))
                .addClasses(Batch.class, StepMetrics.class);
    }

    /** The batch archive with a writer that fails one chunk of an import once: a crash that a restart must mend. */
    public static WebArchive batchFailingOnce(String name) {
        return batch(name).addClasses(FailingImportWriter.class);
    }

    /** The archive the class was loaded from: a packaged jar, or a module's classes directory in the IDE. */
    private static JavaArchive module(Class<?> member, String name) {
        File location;
        try {
            location = new File(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, name + ".jar")
                    .importDirectory(location)
                    .as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, name + ".jar")
                .importFrom(location)
                .as(JavaArchive.class);
    }
}
