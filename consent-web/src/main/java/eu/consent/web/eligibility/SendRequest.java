package eu.consent.web.eligibility;

import eu.consent.preference.PreferenceService;
import eu.consent.preference.RecordSend;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import eu.consent.web.validation.EnumName;
import eu.consent.web.validation.RequestChecks;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/** A message the sending platform sent, as it reports it (the {@code SendInput} of the API). */
public record SendRequest(
        @NotNull(message = "is required") String contactId,
        @NotNull(message = "is required") String purpose,

        @NotNull(message = "is required") @EnumName(Channel.class)
        String channel,

        @NotNull(message = "is required") Instant sentAt) {

    /**
     * What the request's checks ask the domain: whether a contact, a purpose exists, and the channels of an existing
     * purpose.
     */
    record Known(Predicate<UUID> contact, Predicate<String> purpose, Function<String, Set<Channel>> channels) {}

    /**
     * The commands, or every broken field of every send at once (a bad send refuses the batch). A contact or a purpose
     * that does not exist is named among its send's errors, where the answer has always listed it.
     */
    static List<RecordSend> toCommands(List<SendRequest> batch, RequestChecks checks, Clock clock, Known known) {
        Instant now = Times.now(clock);
        checks.checkEach(
                        batch, PreferenceService.EMPTY_SENDS, "must be a send object", (s, v) -> s.check(now, known, v))
                .throwIfAny();
        return batch.stream()
                .map(s -> new RecordSend(
                        UUID.fromString(s.contactId), new PurposeKey(s.purpose), Channel.valueOf(s.channel), s.sentAt))
                .toList();
    }

    private void check(Instant now, Known known, Violations v) {
        UUID contact = uuid();
        if (contact == null) {
            v.add("contactId", "must be the id of a contact");
        } else if (!known.contact().test(contact)) {
            v.add("contactId", PreferenceService.UNKNOWN_CONTACT);
        }
        if (purpose != null && !known.purpose().test(purpose)) {
            v.add("purpose", PurposeService.UNKNOWN_PURPOSE);
        } else if (purpose != null && channel != null) {
            // Among the send's other errors, where every broken field of the batch is named at once (tester AJ's F4:
            // checked after them, it was named only on the next try).
            Set<Channel> channels = known.channels().apply(purpose);
            if (java.util.Arrays.stream(Channel.values()).anyMatch(c -> c.name().equals(channel))
                    && !channels.contains(Channel.valueOf(channel))) {
                v.add("channel", "is not a channel of purpose " + purpose + " " + channels);
            }
        }
        String refusal = sentAt == null ? null : Times.refusal(sentAt, now);
        if (refusal != null) {
            v.add("sentAt", refusal);
        }
    }

    private UUID uuid() {
        try {
            return contactId == null ? null : UUID.fromString(contactId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
