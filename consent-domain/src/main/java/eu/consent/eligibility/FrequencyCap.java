package eu.consent.eligibility;

import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** "At most {@code max} messages of this purpose per {@code per}", counted over a rolling window. */
public record FrequencyCap(int max, Per per) {

    /** The rolling windows a cap counts over. */
    public enum Per {
        DAY(Duration.ofDays(1)),
        WEEK(Duration.ofDays(7)),
        MONTH(Duration.ofDays(30));

        public final Duration window;

        Per(Duration window) {
            this.window = window;
        }
    }

    /**
     * The caps of a contact per purpose as the preferences store them ({@code {"purpose":{"max":2,"per":"WEEK"}}}).
     * The format lives here, with the rule that reads it, so that the decision path does not depend on the preference
     * package that writes it.
     */
    public static String toJson(Map<String, FrequencyCap> caps) {
        JsonObjectBuilder json = Jsons.createObjectBuilder();
        caps.forEach((purpose, cap) -> json.add(
                purpose,
                Jsons.createObjectBuilder()
                        .add("max", cap.max())
                        .add("per", cap.per().name())));
        return json.build().toString();
    }

    /** Reads the stored caps (see {@link #toJson}); none for an empty column. */
    public static Map<String, FrequencyCap> parseAll(String json) {
        Map<String, FrequencyCap> caps = new LinkedHashMap<>();
        if (json == null || json.isEmpty() || json.equals("{}")) {
            return caps;
        }
        JsonObject object = Jsons.createReader(new StringReader(json)).readObject();
        object.forEach((purpose, value) -> {
            JsonObject cap = value.asJsonObject();
            caps.put(purpose, new FrequencyCap(cap.getInt("max"), Per.valueOf(cap.getString("per"))));
        });
        return caps;
    }
}
