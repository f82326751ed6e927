package eu.consent.web.pages;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.util.HtmlEscaper;
import eu.consent.mail.ConfirmationTexts;
import eu.consent.purpose.Purpose;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A page in the recipient's language: texts from the {@code pages} bundles, rendered by Mustache templates (logic-less,
 * HTML-escaped by default) inside one layout with the organization's branding. No script anywhere: every page works
 * with JavaScript switched off, and the Content-Security-Policy forbids scripts outright.
 */
final class Html {

    static final List<String> LANGUAGES = List.of("fr", "en", "de", "it");

    /** Each language named in itself, for the switcher. */
    private static final Map<String, String> NAMES =
            Map.of("fr", "Français", "en", "English", "de", "Deutsch", "it", "Italiano");

    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** Each language's texts as the templates name them, made once: the bundles do not change while the server runs. */
    private static final Map<Locale, Map<String, String>> TEMPLATE_TEXTS = new ConcurrentHashMap<>();

    /** Compiled templates are cached by the factory and safe to share between threads. */
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("eu/consent/web/pages/templates");

    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:"
            + " data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The headers every page of the recipients sends, its error pages included (until 2026-12-07 the 400, 405, 413 and
     * 415 pages went without the policy and the frame and type guards, tester AO's F10).
     */
    static final Map<String, String> PAGE_HEADERS = PageHeaders.with(SECURITY_POLICY);

    private final Locale locale;
    private final ResourceBundle texts;
    private final Branding brand;
    private final String path;

    /**
     * @param language one of {@link #LANGUAGES}
     * @param path the page's path (for the language switcher's links), e.g. {@code /preferences/TOKEN}
     */
    Html(String language, Branding brand, String path) {
        this.locale = Locale.forLanguageTag(language);
        this.texts = ResourceBundle.getBundle("eu.consent.web.pages.pages", locale, NO_SYSTEM_FALLBACK);
        this.brand = brand;
        this.path = path;
    }

    /**
     * The page language: ?lang= if supported (its language, in any case: {@code FR}, {@code fr-BE} and {@code fr_FR}
     * are French), else the contact's, else the browser's, else English.
     */
    static String language(String requested, String contactLocale, List<Locale> acceptable) {
        String chosen = LanguageParam.of(requested, LANGUAGES);
        if (chosen != null) {
            return chosen;
        }
        if (contactLocale != null) {
            String language = Locale.forLanguageTag(contactLocale).getLanguage();
            if (LANGUAGES.contains(language)) {
                return language;
            }
        }
        for (Locale l : acceptable) {
            if (LANGUAGES.contains(l.getLanguage())) {
                return l.getLanguage();
            }
        }
        return "en";
    }

    /**
     * {@code url} (another of the person's pages) in this page's language: a person who switched language keeps it
     * along the page's links (until 2026-12-07 the unsubscribe and "keep me" pages' links dropped it, tester AT's F1).
     */
    String withLanguage(String url) {
        return url + (url.contains("?") ? "&" : "?") + "lang=" + language();
    }

    /** The page's own path, e.g. {@code /preferences/TOKEN}. */
    String path() {
        return path;
    }

    Locale locale() {
        return locale;
    }

    String language() {
        return locale.getLanguage();
    }

    /**
     * The locale dates are written in: the page's, but English as written in Europe ("15 January 2027", not "January
     * 15, 2027": tester AT's F9).
     */
    Locale dateLocale() {
        return language().equals("en") ? Locale.UK : locale;
    }

    /** A text of the bundle with its arguments filled in, not escaped (templates escape what they print). */
    String text(String key, Object... arguments) {
        try {
            return MessageFormat.format(texts.getString(key), arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /**
     * A purpose's name for the {@code name} template: {@code text}, and {@code lang} when it is written in another
     * language than the page's — the fallback to English or to the language it has — for a screen reader to read it in
     * that language (WCAG 3.1.2; until 2026-12-07 it was not marked, tester AT's F3), else {@code false} (present, so
     * that Mustache does not look for a {@code lang} further out).
     */
    Map<String, Object> name(Purpose purpose) {
        ConfirmationTexts.Name name = ConfirmationTexts.name(purpose, locale);
        return Map.of("text", name.text(), "lang", isOtherLanguage(name.language()) ? name.language() : false);
    }

    private boolean isOtherLanguage(String tag) {
        return tag != null && !Locale.forLanguageTag(tag).getLanguage().equals(language());
    }

    /**
     * A text of the bundle as HTML, for a template to print unescaped: the text and its arguments escaped, a purpose's
     * name ({@link ConfirmationTexts.Name}) in another language than the page's marked with its {@code lang}.
     */
    String markup(String key, Object... arguments) {
        // Formatted with placeholders first: escaping the pattern itself would break MessageFormat's quoting.
        Object[] marks = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            marks[i] = "\uE000" + i + "\uE001"; // private-use characters: no text holds them, no escaping changes them
        }
        String html = escape(text(key, marks));
        for (int i = 0; i < arguments.length; i++) {
            html = html.replace((String) marks[i], markup(arguments[i]));
        }
        return html;
    }

    /** A piece of HTML made by {@link #markup}, passed on to another as it is. */
    record Markup(String html) {}

    private String markup(Object argument) {
        if (argument instanceof Markup made) {
            return made.html();
        }
        if (argument instanceof ConfirmationTexts.Name name) {
            return isOtherLanguage(name.language())
                    ? "<span lang=\"" + escape(name.language()) + "\">" + escape(name.text()) + "</span>"
                    : escape(name.text());
        }
        return escape(String.valueOf(argument));
    }

    static String escape(String text) {
        StringWriter out = new StringWriter();
        HtmlEscaper.escape(text, out);
        return out.toString();
    }

    /** A page with a title and one paragraph (and an optional link back): results, errors, "not found". */
    Response message(int status, String titleKey, String body, String linkHref, String linkText) {
        Map<String, Object> model = new HashMap<>();
        model.put("body", body);
        if (linkHref != null) {
            model.put("link", Map.of("href", linkHref, "text", linkText));
        }
        return page(status, text(titleKey), "message", model);
    }

    /** Renders {@code template} (with the bundle's texts as {@code t.key_name}) inside the layout. */
    Response page(int status, String title, String template, Map<String, Object> model) {
        return page(status, title, title, template, model);
    }

    /**
     * A form shown again because what it sent was refused: its {@code <title>}, the first thing a screen reader says,
     * opens with "Error:" (WCAG technique G88; until 2026-12-07 it read as the page's, tester AT's F4).
     */
    Response refusedForm(int status, String title, String template, Map<String, Object> model) {
        return page(status, title, text("layout.failed", title), template, model);
    }

    private Response page(int status, String title, String headTitle, String template, Map<String, Object> model) {
        Response.ResponseBuilder page = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", language());
        PAGE_HEADERS.forEach(page::header);
        return page.entity(document(title, headTitle, template, model)).build();
    }

    /** The whole HTML document of a page. */
    String document(String title, String template, Map<String, Object> model) {
        return document(title, title, template, model);
    }

    /** {@code headTitle}: the document's {@code <title>}, before the organization's name. */
    String document(String title, String headTitle, String template, Map<String, Object> model) {
        Map<String, Object> scope = new HashMap<>(model);
        scope.put("t", textsForTemplates());
        scope.put("title", title);
        String body = render(template, scope);

        Map<String, Object> layout = new HashMap<>();
        layout.put("lang", language());
        layout.put("title", title);
        layout.put("headTitle", headTitle);
        layout.put("body", body);
        layout.put("t", scope.get("t"));
        layout.put("brand", brandModel());
        layout.put("languages", switcher());
        return render("layout", layout);
    }

    /** Bundle keys use dots, which Mustache reads as nesting: templates name them with underscores. */
    private Map<String, String> textsForTemplates() {
        return TEMPLATE_TEXTS.computeIfAbsent(locale, language -> {
            Map<String, String> all = new HashMap<>();
            for (String key : texts.keySet()) {
                all.put(key.replace('.', '_'), texts.getString(key).replace("''", "'"));
            }
            return Map.copyOf(all);
        });
    }

    private Map<String, Object> brandModel() {
        Map<String, Object> b = new HashMap<>();
        b.put("name", brand.name());
        b.put("logo", brand.logoUrl());
        b.put("primary", brand.primary());
        b.put("onPrimary", brand.onPrimary());
        b.put("link", brand.link());
        return b;
    }

    private List<Map<String, Object>> switcher() {
        List<Map<String, Object>> links = new ArrayList<>();
        for (String code : LANGUAGES) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("code", code);
            link.put("name", NAMES.get(code));
            link.put("href", path + "?lang=" + code);
            link.put("current", code.equals(language()));
            links.add(link);
        }
        return links;
    }

    private static String render(String template, Object scope) {
        StringWriter out = new StringWriter();
        TEMPLATES.compile(template + ".mustache").execute(out, scope);
        return out.toString();
    }
}
