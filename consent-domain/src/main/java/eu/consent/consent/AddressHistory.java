package eu.consent.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Which email address a contact held when. A double opt-in confirmation proves that whoever reads the mailbox it was
 * sent to wants the mail, so it binds that address; the history is kept where address changes are followed (the
 * opt-out package's {@code email_release}), which depends on this package and so answers through this interface.
 */
public interface AddressHistory {

    /**
     * The keyed hash of the email address the contact held at {@code moment} and has given up since, if any: where a
     * message sent then went, when that is no longer where the contact is.
     */
    Optional<String> emailGivenUpSince(UUID contactId, Instant moment);

    /**
     * The contact that held the address or number of {@code identifierHash} at {@code moment} and has given it up
     * since, if any: what was said there then was theirs, not its holder's now.
     */
    Optional<UUID> formerHolderAt(String identifierHash, Instant moment);
}
