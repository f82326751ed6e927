package eu.consent.preference;

import eu.consent.eligibility.FrequencyCap;
import eu.consent.purpose.Channel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
        this.frequency = toJson(caps);
        this.channels = preferredChannels.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.pausedUntil = pause;
        this.updatedAt = now;
    }

    public Map<String, FrequencyCap> caps() {
        return parse(frequency);
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

    static String toJson(Map<String, FrequencyCap> caps) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        caps.forEach((purpose, cap) -> json.add(
                purpose,
                Json.createObjectBuilder()
                        .add("max", cap.max())
                        .add("per", cap.per().name())));
        return json.build().toString();
    }

    /** Reads the stored caps; also used by the decision path, which reads the column directly. */
    public static Map<String, FrequencyCap> parse(String json) {
        Map<String, FrequencyCap> caps = new LinkedHashMap<>();
        if (json == null || json.isEmpty() || json.equals("{}")) {
            return caps;
        }
        JsonObject object = Json.createReader(new StringReader(json)).readObject();
        object.forEach((purpose, value) -> {
            JsonObject cap = value.asJsonObject();
            caps.put(purpose, new FrequencyCap(cap.getInt("max"), FrequencyCap.Per.valueOf(cap.getString("per"))));
        });
        return caps;
    }
}
