package eu.consent.preference;

import eu.consent.eligibility.FrequencyCap;
import eu.consent.purpose.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One contact's preferences; absent means no cap, no preferred channel, no pause. */
@Entity
@Table(name = "contact_preferences")
public class Preferences {

    @Id
    @Column(name = "contact_id", length = 36)
    private String contactId;

    /** Caps per purpose as a JSON object: {@code {"promo":{"max":2,"per":"WEEK"}}}. */
    private String frequency;

    private String channels;

    @Column(name = "paused_until")
    private Instant pausedUntil;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Preferences() {}

    Preferences(UUID contactId) {
        this.contactId = contactId.toString();
    }

    void replace(Map<String, FrequencyCap> caps, Set<Channel> preferredChannels, Instant pause, Instant now) {
        this.frequency = FrequencyCap.toJson(caps);
        this.channels = preferredChannels.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.pausedUntil = pause;
        this.updatedAt = now;
    }

    public Map<String, FrequencyCap> caps() {
        return FrequencyCap.parseAll(frequency);
    }

    public Set<Channel> channels() {
        Set<Channel> set = EnumSet.noneOf(Channel.class);
        if (channels != null && !channels.isEmpty()) {
            Arrays.stream(channels.split(",")).map(Channel::valueOf).forEach(set::add);
        }
        return set;
    }

    public Instant pausedUntil() {
        return pausedUntil;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
