package eu.consent.eligibility;

import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import eu.consent.shared.Jsons;
import eu.consent.suppression.SuppressionReason;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The policies of every jurisdiction, read from {@code policies.json}, and which one governs a contact's country. */
public final class Policies {

    private final Map<String, Policy> byName;
    private final Map<String, Policy> byCountry;
    private final Policy fallback;

    private Policies(Map<String, Policy> byName, Set<String> active, Policy fallback) {
        this.byName = byName;
        this.fallback = fallback;
        this.byCountry = new HashMap<>();
        byName.values().stream().filter(p -> active.contains(p.name())).forEach(p -> p.countries()
                .forEach(c -> byCountry.put(c, p)));
    }

    /**
     * The policies shipped with the service. Only the {@code active} ones (comma-separated names; blank: the file's
     * {@code active} list, the EU alone) govern the countries they list: a second jurisdiction applies once an operator
     * chooses it, never because a client wrote a country. {@code fallbackName} overrides the file's fallback, which
     * governs every other country, when not blank.
     */
    public static Policies load(String fallbackName, String active) {
        try (InputStream in = Policies.class.getResourceAsStream("policies.json")) {
            JsonObject root = Jsons.createReader(in).readObject();
            Map<String, Policy> byName = new LinkedHashMap<>();
            for (JsonValue value : root.getJsonArray("policies")) {
                Policy p = parse(value.asJsonObject());
                byName.put(p.name(), p);
            }
            String name = fallbackName == null || fallbackName.isBlank() ? root.getString("fallback") : fallbackName;
            Policy fallback = byName.get(name);
            if (fallback == null) {
                throw new IllegalStateException("no policy named " + name + " for the fallback");
            }
            Set<String> chosen = active == null || active.isBlank()
                    ? strings(root, "active", Function.identity())
                    : Arrays.stream(active.split(","))
                            .map(String::strip)
                            .filter(n -> !n.isEmpty())
                            .collect(Collectors.toUnmodifiableSet());
            for (String policy : chosen) {
                if (!byName.containsKey(policy)) {
                    throw new IllegalStateException(
                            "consent.policy.active names " + policy + ", which is no policy of " + byName.keySet());
                }
            }
            return new Policies(Map.copyOf(byName), chosen, fallback);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The channels a do-not-call registry covers under any policy this server applies. */
    public Set<Channel> doNotCallChannels() {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        channels.addAll(fallback.doNotCallChannels());
        byCountry.values().forEach(p -> channels.addAll(p.doNotCallChannels()));
        return channels;
    }

    /** The policy of the contact's country, else the fallback. */
    public Policy forCountry(String country) {
        return country == null ? fallback : byCountry.getOrDefault(country, fallback);
    }

    private static Policy parse(JsonObject p) {
        Map<Audience, Map<Channel, Regime>> regimes = new EnumMap<>(Audience.class);
        p.getJsonObject("regimes").forEach((audience, channels) -> {
            Map<Channel, Regime> byChannel = new EnumMap<>(Channel.class);
            channels.asJsonObject()
                    .forEach((channel, regime) ->
                            byChannel.put(Channel.valueOf(channel), Regime.valueOf(((JsonString) regime).getString())));
            regimes.put(Audience.valueOf(audience), byChannel);
        });
        JsonObject dnc = p.getJsonObject("doNotCall");
        return new Policy(
                p.getString("name"),
                strings(p, "countries", Function.identity()),
                regimes,
                enums(p, "serviceBlockers", SuppressionReason.class),
                enums(dnc, "channels", Channel.class),
                enums(dnc, "audiences", Audience.class),
                dnc.getBoolean("sparesCustomers"));
    }

    private static <T> Set<T> strings(JsonObject o, String name, Function<String, T> map) {
        return o.getJsonArray(name).getValuesAs(JsonString.class).stream()
                .map(s -> map.apply(s.getString()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static <E extends Enum<E>> Set<E> enums(JsonObject o, String name, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        set.addAll(strings(o, name, s -> Enum.valueOf(type, s)));
        return set;
    }
}
