package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A database that cannot answer makes a decision fail (the web layer answers 503), never default to allowed. */
class FailClosedTest {

    @Test
    void noDatabaseNoDecision() throws Exception {
        DecisionService service = new DecisionService();
        service.policies = Policies.load("EU", "EU");
        service.clock = Clock.systemUTC();
        service.prepare();
        service.dataSource = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("connection refused");
                });
        service.probeDataSource = service.dataSource;
        Constructor<Purpose> make = Purpose.class.getDeclaredConstructor(
                String.class, PurposeKind.class, Set.class, boolean.class, boolean.class, String.class, Instant.class);
        make.setAccessible(true);
        Purpose purpose = make.newInstance(
                "promo", PurposeKind.SERVICE, Set.of(Channel.EMAIL), false, false, "{}", Instant.now());
        DecisionService.Question question = new DecisionService.Question(purpose, Channel.EMAIL);
        List<Recipient> recipients = List.of(Recipient.of(Recipient.Kind.EMAIL, "someone@example.com"));

        DecisionUnavailableException e =
                assertThrows(DecisionUnavailableException.class, () -> service.decide(question, recipients));
        assertEquals("connection refused", e.getCause().getMessage());
    }
}
