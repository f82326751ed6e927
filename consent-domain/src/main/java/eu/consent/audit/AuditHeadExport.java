package eu.consent.audit;

import eu.consent.shared.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exports a verified head of the audit chain outside the database, signed with the audit secret: to a file (which
 * {@code GET /api/v1/audit/verify} compares the chain with) and to the server log (which log shipping keeps further
 * away still). Whoever rewrites the tables cannot make the chain end in the exported hash, nor sign a new head.
 */
@ApplicationScoped
public class AuditHeadExport {

    private static final Logger LOG = Logger.getLogger(AuditHeadExport.class.getName());

    @Inject
    @ConfigProperty(name = "consent.audit.head-file", defaultValue = "audit-head.json")
    String file;

    @Inject
    AuditKeys keys;

    @Inject
    Clock clock;

    /** Writes {@code (seq, hash)}, an entry just verified, as the exported head; atomically replaces the last one. */
    public ExportedHead export(long seq, String hash) {
        AuditKey key = keys.current();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String signature = key.mac(ExportedHead.text(seq, hash, key.keyedFrom(), at));
        String json = Jsons.createObjectBuilder()
                .add("seq", seq)
                .add("hash", hash)
                .add("keyedFrom", key.keyedFrom())
                .add("exportedAt", at.toString())
                .add("signature", signature)
                .build()
                .toString();
        Path target = Path.of(file).toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "audit-head", ".tmp");
            Files.writeString(temp, json + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit head to " + target, e);
        }
        LOG.info(() -> "audit head exported " + json);
        return new ExportedHead(seq, hash, key.keyedFrom(), at, signature, true);
    }

    /** The last exported head, with whether its signature holds; empty when none was ever exported. */
    public Optional<ExportedHead> last() {
        Path source = Path.of(file).toAbsolutePath();
        if (!Files.exists(source)) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(Files.readString(source)))) {
            JsonObject o = reader.readObject();
            long seq = o.getJsonNumber("seq").longValue();
            String hash = o.getString("hash");
            long keyedFrom = o.getJsonNumber("keyedFrom").longValue();
            Instant at = Instant.parse(o.getString("exportedAt"));
            String signature = o.getString("signature");
            boolean signed = keys.current()
                    .mac(ExportedHead.text(seq, hash, keyedFrom, at))
                    .equals(signature);
            return Optional.of(new ExportedHead(seq, hash, keyedFrom, at, signature, signed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit head " + source, e);
        } catch (RuntimeException e) {
            // Not our document any more: as bad as a wrong signature.
            return Optional.of(new ExportedHead(-1, "", -1, Instant.EPOCH, "", false));
        }
    }
}
