package eu.consent.web.purpose;

import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** A purpose as the API shows it. */
public record PurposeView(
        String key,
        String kind,
        List<Channel> channels,
        boolean doubleOptIn,
        boolean similarToPurchases,
        JsonObject names,
        Instant createdAt,
        boolean retired,
        Instant retiredAt) {

    public static PurposeView of(Purpose p) {
        return new PurposeView(
                p.key(),
                p.kind().name(),
                List.copyOf(p.channels()),
                p.requiresDoubleOptIn(),
                p.isSimilarToPurchases(),
                Jsons.createReader(new StringReader(p.namesJson())).readObject(),
                p.createdAt(),
                p.isRetired(),
                p.retiredAt());
    }
}
