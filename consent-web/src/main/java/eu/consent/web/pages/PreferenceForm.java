package eu.consent.web.pages;

import eu.consent.eligibility.FrequencyCap;
import eu.consent.mail.ConfirmationTexts;
import eu.consent.preference.PreferenceCentre;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.Notice;
import eu.consent.purpose.Purpose;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The preference centre's form: its fields name purposes by key ({@code KEY.CHANNEL=on}, {@code KEY.notice},
 * {@code KEY.max}, {@code KEY.per}) plus {@code pausedUntil} (a date, YYYY-MM-DD) and the preferred channels
 * ({@code preferred_channels=CHANNEL}, one per box ticked, with {@code preferred_channels_shown} saying the form held
 * them: no purpose key holds an underscore); reading it back into choices and turning an overview (or a refused post)
 * into the template's model.
 */
final class PreferenceForm {

    static final int MAX_CAP = eu.consent.preference.PreferenceService.MAX_CAP;
    private static final FrequencyCap.Per DEFAULT_PER = FrequencyCap.Per.WEEK;
    static final String PREFERRED = "preferred_channels";
    static final String PREFERRED_SHOWN = "preferred_channels_shown";

    /** What {@link #PREFERRED_SHOWN} said before 2026-12-07: the form held the boxes, not which were ticked. */
    private static final String LEGACY_SHOWN = "1";

    /** The suffix of a field's hidden twin: the value the page showed, so that a field left alone changes nothing. */
    static final String SHOWN = ".shown";

    static final String PAUSE = "pausedUntil";

    /** The preferred channels' boxes the page showed, comma-separated, ticked or not. */
    static final String PREFERRED_BOXES = "preferred_channels_boxes";

    private PreferenceForm() {}

    /**
     * What the page shows, and whether it follows a save that changed something (or nothing), and whether that save
     * mailed a confirmation (something closed was switched back on).
     */
    record Shown(PreferenceCentre.Overview overview, boolean saved, boolean unchanged, boolean mailed) {
        Shown(PreferenceCentre.Overview overview, boolean saved, boolean unchanged) {
            this(overview, saved, unchanged, false);
        }
    }

    /** The person's choices, or the reasons (in their language) why the form cannot be saved. */
    record Parsed(PreferenceCentre.Choices choices, List<FieldError> errors) {}

    /**
     * Why the form cannot be saved, and the id of the field it is about ({@code null}: none in particular): the page
     * flags that field and ties the message to it (tester AT's F4).
     */
    record FieldError(String field, String text) {
        static FieldError general(String text) {
            return new FieldError(null, text);
        }
    }

    /**
     * Whether the post sends a field of the page — a purpose's switch, notice, cap or period, or the pause — so that it
     * may be saved without its {@code action}: a script naming the fields it changes (the switches it leaves out then
     * stay as they are, see {@link #parse}).
     */
    static boolean namesAField(MultivaluedMap<String, String> form, PreferenceCentre.Overview overview) {
        if (form.containsKey("pausedUntil") || form.containsKey(PREFERRED_SHOWN)) {
            return true;
        }
        for (PreferenceCentre.Topic topic : overview.topics()) {
            String prefix = topic.purpose().key() + ".";
            if (form.keySet().stream().anyMatch(name -> name.startsWith(prefix))) {
                return true;
            }
        }
        return false;
    }

    /** Reads the posted form against the topics the page showed; fields naming anything else are ignored. */
    static Parsed parse(
            MultivaluedMap<String, String> form,
            PreferenceCentre.Overview overview,
            LocalDate today,
            Html html,
            FormGuard.Shown shownAt) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Boolean> shown = new HashMap<>();
        Set<String> receive = new HashSet<>();
        Set<String> turnedOff = new HashSet<>();
        Map<String, String> notices = new HashMap<>();
        Map<String, Optional<FrequencyCap>> caps = new LinkedHashMap<>();
        // The page's form since 2026-12-07 says what it showed: a switch it did not show (a purpose created, or given a
        // channel, since) is no box left unticked, and stays as it is.
        boolean saysWhatItShowed = form.containsKey(PAUSE + SHOWN);
        // A post without the twins nor the page's action=save is a script naming what it changes: a switch it leaves
        // out stays as it is, KEY.CHANNEL=off switches off (tester AN's F1: until 2026-12-07 a post switching one
        // purpose on withdrew or objected to, in the person's name, every other purpose it did not name).
        boolean onlyWhatItSends = !saysWhatItShowed && !form.containsKey("action");
        // A cap, its period, a notice or the pause given twice says two things: refused, not read by its first value
        // (tester AR's F4, until 2026-12-07; switches are checked below).
        form.forEach((name, values) -> {
            if (values.size() > 1
                    && (name.endsWith(".max")
                            || name.endsWith(".per")
                            || name.endsWith(".notice")
                            || name.equals(PAUSE))) {
                errors.add(new FieldError(name, html.text("prefs.error.twice", name)));
            }
        });
        for (PreferenceCentre.Topic topic : overview.topics()) {
            String key = topic.purpose().key();
            if (topic.switches().isEmpty()) {
                // No channel of it reaches the person: the page shows no field of it, and a post changes nothing of it
                // (a cap sent for it included), as it changes no purpose the page did not offer (tester AT's F8).
                continue;
            }
            for (PreferenceCentre.Switch s : topic.switches()) {
                String pair = key + ":" + s.channel().name();
                String field = key + "." + s.channel().name();
                shown.put(pair, s.on());
                boolean ticked = "on".equals(form.getFirst(field));
                List<String> sent = form.get(field);
                if (sent != null && (sent.size() > 1 || !List.of("on", "off").contains(sent.get(0)))) {
                    // A box is sent as "on" or not at all (a script may say "off"): a "true" or "1", or two values,
                    // read as the first's "not on", withdrew in the person's name, whichever form carried it (review
                    // 40, tester AP's F1, F10, until 2026-12-07).
                    errors.add(new FieldError(
                            field,
                            html.text(
                                    "prefs.error.switch",
                                    ConfirmationTexts.purposeName(topic.purpose(), html.locale()),
                                    s.channel().name())));
                    continue;
                }
                String was = form.getFirst(field + SHOWN);
                if ("on".equals(was) && !ticked) {
                    // the person turned off what the page showed on, whatever holds now
                    turnedOff.add(pair);
                }
                if ((was == null && saysWhatItShowed)
                        || (was != null && ticked == "on".equals(was))
                        || (onlyWhatItSends && !form.containsKey(field))) {
                    // Left as the page showed it: what holds now stays, a consent given or withdrawn elsewhere since
                    // the page was shown included (AI-F2: until 2026-12-07 a box shown off withdrew, in the person's
                    // name, a consent given by phone after the page was shown).
                    ticked = s.on();
                }
                if (ticked && (s.on() || !locked(s, overview))) {
                    receive.add(pair);
                }
            }
            String notice = form.getFirst(key + ".notice");
            if (notice != null) {
                notices.put(key, notice);
            } else {
                // Switched on without the notice it agrees to: a script's post, which the page's form never is (until
                // 2026-12-07 a 409 said the text had changed since the page was shown, tester AP's F3).
                topic.switches().stream()
                        .filter(s -> !s.on()
                                && receive.contains(key + ":" + s.channel().name()))
                        .findFirst()
                        .ifPresent(s -> errors.add(new FieldError(
                                key + "." + s.channel().name(),
                                html.text(
                                        "prefs.error.noNotice",
                                        ConfirmationTexts.purposeName(topic.purpose(), html.locale())))));
            }
            // A cap the post does not send, or sends as the page showed it, stays as it is now (AI-F1, AI-F4: until
            // 2026-12-07 a form shown before a CRM set a cap, or a post naming another purpose's cap, deleted it).
            if (onlyWhatItSends && !form.containsKey(key + ".max") && form.containsKey(key + ".per")) {
                // A period without its number (a script's): said, not left unsaid (tester AP's F2, AR's F5).
                errors.add(new FieldError(
                        key + ".max",
                        html.text(
                                "prefs.error.period", ConfirmationTexts.purposeName(topic.purpose(), html.locale()))));
                continue;
            }
            if (!form.containsKey(key + ".max") || untouched(form, key + ".max", key + ".per")) {
                continue;
            }
            String max = blankToNull(form.getFirst(key + ".max"));
            if (max == null) {
                caps.put(key, Optional.empty());
                continue;
            }
            Integer n = parseCap(max);
            // A script may send the number alone: the cap's period as it is, else the page's default (review 41).
            FrequencyCap.Per per = onlyWhatItSends && !form.containsKey(key + ".per")
                    ? topic.cap().map(FrequencyCap::per).orElse(DEFAULT_PER)
                    : parsePer(form.getFirst(key + ".per"));
            if (n == null || per == null) {
                // Each field its own message: a wrong or missing period was blamed on the number (tester AU's F4).
                errors.add(new FieldError(
                        n == null ? key + ".max" : key + ".per",
                        html.text(
                                n == null ? "prefs.error.frequency" : "prefs.error.per",
                                ConfirmationTexts.purposeName(topic.purpose(), html.locale()))));
            } else {
                caps.put(key, Optional.of(new FrequencyCap(n, per)));
            }
        }
        Instant pause = null;
        String date = blankToNull(form.getFirst(PAUSE));
        Instant current = overview.pausedUntil();
        // Not sent, or sent as the page showed it: a pause set since (a call centre's) stays, and so does its end, to
        // the second (AI-F1, AI-F4: until 2026-12-07 such a post lifted the pause).
        boolean pauseKept = !form.containsKey(PAUSE) || untouched(form, PAUSE, null);
        if (pauseKept) {
            pause = current;
        } else if (date != null) {
            try {
                LocalDate until = LocalDate.parse(date);
                if (current != null && until.equals(shownDate(current))) {
                    pause = current;
                } else if (until.isBefore(today) || until.isAfter(today.plusYears(1))) {
                    errors.add(new FieldError(PAUSE, html.text("prefs.error.pause")));
                } else {
                    pause = until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(PAUSE, html.text("prefs.error.pause")));
            }
        } else if (current != null
                && !current.isAfter(today.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            pause = current;
        }
        Set<Channel> preferred = null;
        // The boxes the page showed (a channel offered since, a number added say, was not one of them: it keeps its
        // choice), or, for a form of before 2026-12-07, every channel offered now.
        String boxes = form.getFirst(PREFERRED_BOXES);
        List<Channel> offered = boxes == null
                ? overview.channels()
                : List.copyOf(channelsAmong(List.of(boxes.split(",")), overview.channels()));
        if (form.containsKey(PREFERRED_SHOWN) && offersChannels(overview)) {
            Set<Channel> ticked = channelsAmong(form.getOrDefault(PREFERRED, List.of()), offered);
            String was = form.getFirst(PREFERRED_SHOWN);
            // The boxes as the page showed them (a form of before 2026-12-07 says only "1"): left so, the choice made
            // since (a CRM's) stays, and a choice the page cannot show (SMS without a number) is no "none ticked" to
            // refuse (AI-F1, AI-F6).
            boolean untouched = was != null
                    && !LEGACY_SHOWN.equals(was)
                    && ticked.equals(channelsAmong(List.of(was.split(",")), offered));
            if (!untouched) {
                preferred = ticked;
                if (preferred.isEmpty()) {
                    errors.add(new FieldError(PREFERRED, html.text("prefs.error.channels")));
                }
            }
        }
        return new Parsed(
                new PreferenceCentre.Choices(
                        shown,
                        receive,
                        turnedOff,
                        notices,
                        caps,
                        pause,
                        preferred,
                        offered,
                        pauseKept,
                        saysWhatItShowed && shownAt != null ? shownAt.at() : null,
                        saysWhatItShowed && shownAt != null ? shownAt.through() : null),
                errors);
    }

    /**
     * Whether the post sends a field ({@code field}, and with it {@code companion}, a cap's period) as the page showed
     * it, which its hidden twin ({@code field.shown}) tells: the person left it alone, so what holds now stays. A post
     * without the twin (a script, a form of before 2026-12-07) changes what it sends.
     */
    private static boolean untouched(MultivaluedMap<String, String> form, String field, String companion) {
        if (!form.containsKey(field + SHOWN)) {
            return false;
        }
        String value = blankToNull(form.getFirst(field));
        if (!java.util.Objects.equals(value, blankToNull(form.getFirst(field + SHOWN)))) {
            return false;
        }
        return companion == null
                || value == null
                || java.util.Objects.equals(
                        blankToNull(form.getFirst(companion)), blankToNull(form.getFirst(companion + SHOWN)));
    }

    /** The channels named among {@code offered}. */
    private static Set<Channel> channelsAmong(List<String> names, List<Channel> offered) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (Channel c : offered) {
            if (names.contains(c.name())) {
                channels.add(c);
            }
        }
        return channels;
    }

    /**
     * Whether the page asks for preferred channels: where its topics use several, or where the choice made (through the
     * API: a call centre, a CRM) leaves out one they use — so that the person sees it and can undo it (until 2026-12-06
     * the page showed such a switch on while every message on it was refused, and had no place to change it).
     */
    static boolean offersChannels(PreferenceCentre.Overview overview) {
        List<Channel> offered = overview.channels();
        Set<Channel> preferred = overview.preferredChannels();
        return offered.size() > 1 || (!preferred.isEmpty() && !preferred.containsAll(offered));
    }

    /** Whether nothing is sent on the channel for the person's preferred channels leave it out. */
    private static boolean notPreferred(Channel channel, PreferenceCentre.Overview overview) {
        return !overview.preferredChannels().isEmpty()
                && !overview.preferredChannels().contains(channel);
    }

    /** The template's model: the overview, or, after a refused post, what the person had entered. */
    static Map<String, Object> model(
            Shown shown,
            MultivaluedMap<String, String> posted,
            List<FieldError> errors,
            Html html,
            String organization,
            Instant now) {
        PreferenceCentre.Overview overview = shown.overview();
        Map<String, Object> model = new HashMap<>();
        model.put("saved", shown.saved());
        model.put("mailed", shown.mailed());
        model.put("unchanged", shown.unchanged());
        // Each message has an id: the fields it is about are flagged invalid and described by it, and it links to the
        // first of them (until 2026-12-07 a keyboard user tabbed through the whole form to find it, tester AT's F4).
        Map<String, List<String>> messages = new HashMap<>();
        for (int i = 0; i < errors.size(); i++) {
            if (errors.get(i).field() != null) {
                messages.computeIfAbsent(errors.get(i).field(), f -> new ArrayList<>())
                        .add(errorId(i));
            }
        }
        Map<String, String> anchors = new HashMap<>(); // the id of the input each field's message links to
        model.put("intro", html.text("prefs.intro", organization));

        List<Map<String, Object>> topics = new ArrayList<>();
        List<Map<String, Object>> offers = new ArrayList<>();
        for (PreferenceCentre.Topic topic : overview.topics()) {
            String key = topic.purpose().key();
            Map<String, Object> t = new HashMap<>();
            t.put("key", key);
            t.put("name", html.name(topic.purpose()));
            List<Map<String, Object>> switches = new ArrayList<>();
            for (PreferenceCentre.Switch s : topic.switches()) {
                String field = key + "." + s.channel().name();
                Map<String, Object> sw = new HashMap<>();
                sw.put("field", field);
                sw.put("label", html.text("prefs.by." + s.channel().name()));
                // A refused post's page shows what the person entered; a switch the post did not carry (a purpose
                // created since the page it came from) shows what holds now, as its twin says (review 38, point 14).
                boolean carried =
                        posted != null && (posted.containsKey(field + SHOWN) || !posted.containsKey(PAUSE + SHOWN));
                sw.put("checked", carried ? "on".equals(posted.getFirst(field)) : s.on());
                sw.put("shown", shown(posted, field, s.on() ? "on" : "off"));
                sw.put("pending", s.pending());
                sw.put("blocked", s.blocked());
                sw.put(
                        "disabled",
                        !s.on() && (locked(s, overview) || topic.notice().isEmpty()));
                String hint = hint(s, overview, html);
                sw.put("hint", hint);
                sw.put("invalid", messages.containsKey(field));
                sw.put("describedBy", describedBy(hint == null ? null : field + "-hint", messages.get(field)));
                anchors.put(field, field);
                switches.add(sw);
            }
            t.put("switches", switches);
            // No switch at all: why, instead of "by ticking a box above" and a cap (tester AT's F8).
            t.put("unreachable", switches.isEmpty() ? unreachable(topic.purpose(), html) : false);
            topic.notice().ifPresent(n -> t.put("notice", notice(n, html)));
            String max = posted == null || !posted.containsKey(key + ".max")
                    ? topic.cap().map(c -> Integer.toString(c.max())).orElse("")
                    : orEmpty(posted.getFirst(key + ".max"));
            String per = posted == null || !posted.containsKey(key + ".per")
                    ? topic.cap().map(c -> c.per().name()).orElse(DEFAULT_PER.name())
                    : orEmpty(posted.getFirst(key + ".per"));
            t.put("max", max);
            t.put("maxInvalid", messages.containsKey(key + ".max"));
            t.put("maxDescribedBy", describedBy(key + "-maxhint", messages.get(key + ".max")));
            t.put("perInvalid", messages.containsKey(key + ".per"));
            t.put("perDescribedBy", describedBy(null, messages.get(key + ".per")));
            if (!switches.isEmpty()) { // else the page shows no cap for it
                anchors.put(key + ".max", key + ".max");
                anchors.put(key + ".per", key + ".per");
            }
            t.put(
                    "maxShown",
                    shown(
                            posted,
                            key + ".max",
                            topic.cap().map(c -> Integer.toString(c.max())).orElse("")));
            t.put(
                    "perShown",
                    shown(
                            posted,
                            key + ".per",
                            topic.cap().map(c -> c.per().name()).orElse(DEFAULT_PER.name())));
            List<Map<String, Object>> periods = new ArrayList<>();
            for (FrequencyCap.Per p : FrequencyCap.Per.values()) {
                periods.add(Map.of(
                        "value",
                        p.name(),
                        "label",
                        html.text("prefs.per." + p.name()),
                        "selected",
                        p.name().equals(per)));
            }
            t.put("periods", periods);
            boolean received = topic.switches().stream().anyMatch(PreferenceCentre.Switch::on);
            (received ? topics : offers).add(t);
        }
        model.put("topics", topics);
        model.put("offers", offers);
        model.put("hasOffers", !offers.isEmpty());

        List<Map<String, Object>> services =
                overview.services().stream().map(html::name).toList();
        model.put("services", services);
        model.put("hasServices", !services.isEmpty());

        boolean offersChannels = offersChannels(overview);
        model.put("offersChannels", offersChannels);
        if (offersChannels) {
            List<String> ticked = posted == null || !posted.containsKey(PREFERRED_SHOWN)
                    ? null
                    : posted.getOrDefault(PREFERRED, List.of());
            String preferredNow = String.join(
                    ",",
                    overview.channels().stream()
                            .filter(c -> !notPreferred(c, overview))
                            .map(Channel::name)
                            .toList());
            String preferredShown = posted == null ? null : posted.getFirst(PREFERRED_SHOWN);
            model.put(
                    "channelsShown",
                    preferredShown == null || LEGACY_SHOWN.equals(preferredShown) ? preferredNow : preferredShown);
            String boxesShown = posted == null ? null : posted.getFirst(PREFERRED_BOXES);
            model.put(
                    "channelBoxes",
                    boxesShown != null
                            ? boxesShown
                            : String.join(
                                    ",",
                                    overview.channels().stream()
                                            .map(Channel::name)
                                            .toList()));
            List<Map<String, Object>> channels = new ArrayList<>();
            for (Channel c : overview.channels()) {
                channels.add(Map.of(
                        "value",
                        c.name(),
                        "label",
                        html.text("prefs.by." + c.name()),
                        "checked",
                        ticked == null ? !notPreferred(c, overview) : ticked.contains(c.name())));
            }
            model.put("channels", channels);
            model.put("channelsInvalid", messages.containsKey(PREFERRED));
            model.put("channelsDescribedBy", describedBy("channels-hint", messages.get(PREFERRED)));
            overview.channels().stream().findFirst().ifPresent(c -> anchors.put(PREFERRED, "preferred-" + c.name()));
        }

        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant pause = overview.pausedUntil();
        boolean active = pause != null && pause.isAfter(now);
        String shownPause = active ? shownDate(pause).toString() : "";
        model.put(
                "pausedUntil",
                posted == null || !posted.containsKey(PAUSE) ? shownPause : orEmpty(posted.getFirst(PAUSE)));
        model.put("pausedUntilShown", shown(posted, PAUSE, shownPause));
        model.put("pauseInvalid", messages.containsKey(PAUSE));
        model.put("pauseDescribedBy", describedBy("pause-hint", messages.get(PAUSE)));
        anchors.put(PAUSE, PAUSE);
        if (active) {
            model.put("pauseActive", pauseSentence(pause, html));
        }
        model.put("pauseMin", today.toString());
        // A pause the API set further ahead than a year is kept as it is (the post keeps it unchanged): the field's
        // limit reaches it, or the browser refused to send the form at all, whatever else the person changed (until
        // 2026-12-06).
        LocalDate max = today.plusYears(1);
        if (active && shownDate(pause).isAfter(max)) {
            max = shownDate(pause);
        }
        model.put("pauseMax", max.toString());

        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            Map<String, Object> item = new HashMap<>();
            item.put("id", errorId(i));
            item.put("text", errors.get(i).text());
            // A field the page does not show (a script's, a purpose gone since) gets no link that leads nowhere.
            String anchor = errors.get(i).field() == null
                    ? null
                    : anchors.get(errors.get(i).field());
            item.put("href", anchor == null ? false : "#" + anchor);
            items.add(item);
        }
        model.put("errors", items);
        model.put("hasErrors", !errors.isEmpty());
        return model;
    }

    private static String errorId(int index) {
        return "error-" + (index + 1);
    }

    /** The ids an input's {@code aria-describedby} names (its hint, then its error messages), or false for none. */
    private static Object describedBy(String hint, List<String> messages) {
        List<String> ids = new ArrayList<>();
        if (hint != null) {
            ids.add(hint);
        }
        if (messages != null) {
            ids.addAll(messages);
        }
        return ids.isEmpty() ? false : String.join(" ", ids);
    }

    /**
     * A field's hidden twin: what the page showed first, kept through a refused post's page (so that what the person
     * left alone still changes nothing when they post it again), else what holds now.
     */
    private static String shown(MultivaluedMap<String, String> posted, String field, String now) {
        String before = posted == null ? null : posted.getFirst(field + SHOWN);
        return before == null ? now : before;
    }

    /**
     * Until when the person takes a break: a day included, for a pause ending at a midnight (UTC) as the page's own do,
     * else the day and the minute a pause set through the API ends (until 2026-12-07 one ending at 15:30 read "until
     * that day included", while sending resumed at 15:30: tester AI's F3).
     */
    static String pauseSentence(Instant pause, Html html) {
        java.time.ZonedDateTime end = pause.atZone(ZoneOffset.UTC);
        DateTimeFormatter day =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(html.dateLocale());
        if (end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return html.text("prefs.pause.active", shownDate(pause).format(day));
        }
        return html.text(
                "prefs.pause.activeAt", end.format(day), end.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)));
    }

    /** A pause lasts until the end of the day shown: stored as the next midnight (UTC), shown as the day before. */
    static LocalDate shownDate(Instant pausedUntil) {
        return LocalDate.ofInstant(pausedUntil.minusNanos(1), ZoneOffset.UTC);
    }

    /**
     * Why a purpose has no switch: none of its channels reaches the person, "Only sent by email: we have no email
     * address for you" (a contact with a phone number only).
     */
    private static String unreachable(Purpose purpose, Html html) {
        List<String> channels = new ArrayList<>();
        Set<IdentifierKind> missing = EnumSet.noneOf(IdentifierKind.class);
        for (Channel c : purpose.channels()) {
            channels.add(html.text("prefs.only." + c.name()));
            c.identifier().ifPresent(missing::add);
        }
        List<String> lacking = missing.stream()
                .map(k -> html.text("prefs.missing." + k.name()))
                .toList();
        return html.text(
                "prefs.unreachable",
                list(channels, html.text("prefs.unreachable.or")),
                list(lacking, html.text("prefs.unreachable.nor")));
    }

    /** "a", "a or b", "a, b or c". */
    static String list(List<String> items, String conjunction) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " "
                + items.get(items.size() - 1);
    }

    /** A switch the person cannot turn on here: a block on the address, or a re-opening nobody could confirm. */
    private static boolean locked(PreferenceCentre.Switch s, PreferenceCentre.Overview overview) {
        return s.blocked() || (s.closed() && !overview.canConfirm());
    }

    /**
     * The sentence under a switch, or null: why it is on though the person never consented (the opt-out regime or
     * soft opt-in that allows it, and that unticking objects), or that switching a closed one back on is confirmed by
     * mail first (or cannot be done here without an address to mail).
     */
    private static String hint(PreferenceCentre.Switch s, PreferenceCentre.Overview overview, Html html) {
        if (s.on() && notPreferred(s.channel(), overview)) {
            return html.text("prefs.notpreferred");
        }
        if (s.unconfirmable() && !s.closed()) {
            return html.text("prefs.unconfirmable");
        }
        if (s.withoutConsent().isPresent()) {
            return html.text("prefs.why." + s.withoutConsent().get().name());
        }
        if (s.closed() && !s.blocked()) {
            return html.text(overview.canConfirm() ? "prefs.reopen" : "prefs.reopen.nomail");
        }
        return null;
    }

    /** The notice, marked when it is not in the page's language (the only text there is for this purpose). */
    private static Map<String, Object> notice(Notice n, Html html) {
        Map<String, Object> notice = new HashMap<>();
        notice.put("id", n.id().toString());
        notice.put("text", n.text());
        notice.put("locale", n.locale());
        Locale written = Locale.forLanguageTag(n.locale());
        if (!written.getLanguage().equals(html.language())) {
            notice.put("otherLanguage", html.text("prefs.notice.language", written.getDisplayLanguage(html.locale())));
        }
        return notice;
    }

    /**
     * A cap as the page's number field sends it: ASCII digits alone (until 2026-12-07 {@code +3} and Arabic-Indic digits
     * passed, which the field never sends and the API refuses).
     */
    private static Integer parseCap(String raw) {
        String digits = raw.strip();
        if (!digits.matches("[0-9]{1,4}")) {
            return null;
        }
        int n = Integer.parseInt(digits);
        return n >= 1 && n <= MAX_CAP ? n : null;
    }

    private static FrequencyCap.Per parsePer(String raw) {
        for (FrequencyCap.Per p : FrequencyCap.Per.values()) {
            if (p.name().equals(raw)) {
                return p;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
