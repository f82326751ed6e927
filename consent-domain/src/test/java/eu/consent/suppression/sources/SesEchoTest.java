package eu.consent.suppression.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An SES complaint line that is only our own unsubscribe coming back ({@link SesEcho}). */
class SesEchoTest {

    private static final Instant OURS = Instant.now().minus(3, ChronoUnit.DAYS);

    @Test
    void anUndatedComplaintOfAnAddressWeSentAsUnsubscribedIsThatUnsubscribeDatedAsOurs() {
        assertEquals(Optional.of(OURS), SesEcho.unsubscribeEchoed(null, OURS));
    }

    @Test
    void aComplaintSesDatesAfterOurUnsubscribeIsOurLineImportedThere() {
        assertEquals(Optional.of(OURS), SesEcho.unsubscribeEchoed(OURS.plus(2, ChronoUnit.HOURS), OURS));
    }

    @Test
    void aComplaintSesHeldBeforeWeWroteAnythingStaysAComplaint() {
        assertEquals(Optional.empty(), SesEcho.unsubscribeEchoed(OURS.minus(1, ChronoUnit.HOURS), OURS));
    }

    @Test
    void aComplaintOfAnAddressWithoutOurUnsubscribeStaysAComplaint() {
        assertEquals(Optional.empty(), SesEcho.unsubscribeEchoed(null, null));
        assertEquals(Optional.empty(), SesEcho.unsubscribeEchoed(Instant.now(), null));
    }
}
