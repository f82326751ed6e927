package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.ContactService;
import eu.consent.preference.PreferenceCentre;
import eu.consent.purpose.Channel;
import eu.consent.purpose.CreatePurpose;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeKind;
import eu.consent.purpose.PurposeService;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person's page lists every purpose, however many there are: it took the first page of 1,000 of them, so that a
 * purpose sorting after those was neither shown nor could be withdrawn from.
 */
@ExtendWith(ArquillianExtension.class)
class ManyPurposesIT {

    private static final int BEFORE = 1_000;

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("many-purposes");
    }

    @Inject
    PurposeService purposes;

    @Inject
    PreferenceCentre centre;

    @Inject
    ContactService contacts;

    @Inject
    Tx tx;

    @Test
    void aPersonsPageShowsAPurposeThatSortsAfterAThousandOthers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // A thousand service purposes sorting first, written in one batch (the service would audit each).
        tx.jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO purpose (purpose_key, kind, channels,"
                    + " double_opt_in, similar_to_purchases, names, created_at) VALUES (?, 'SERVICE', 'EMAIL', FALSE,"
                    + " FALSE, '{\"en\":\"Filler\"}', ?)")) {
                for (int i = 0; i < BEFORE; i++) {
                    s.setString(1, String.format("0-%s-%04d", run, i));
                    s.setTimestamp(2, Timestamp.from(Instant.now()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        });
        String last = "zz-" + run;
        purposes.create(new CreatePurpose(
                new PurposeKey(last),
                PurposeKind.SERVICE,
                Set.of(Channel.EMAIL),
                false,
                false,
                Map.of("en", "Order updates")));
        UUID person = contacts.create(new ContactDetails(
                        run + "@example.com", null, null, "en", "FR", Audience.B2C, false, null, null))
                .id();

        try {
            List<String> shown = centre.overview(person, "en").services().stream()
                    .map(Purpose::key)
                    .toList();

            assertTrue(shown.contains(last), "the purpose after the first thousand is on the page");
            assertEquals(
                    BEFORE,
                    shown.stream().filter(k -> k.startsWith("0-" + run)).count(),
                    "and so is each of the thousand before it");
            assertTrue(purposes.all().stream().anyMatch(p -> p.key().equals(last)));
        } finally {
            // The database is shared with the other tests, whose pages and exports list every purpose.
            tx.jdbc(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM purpose WHERE purpose_key LIKE ?")) {
                    s.setString(1, "0-" + run + "-%");
                    s.executeUpdate();
                }
            });
        }
    }
}
