package eu.consent.web.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import eu.consent.web.pages.AcceptLanguage;
import eu.consent.web.pages.Branding;
import eu.consent.web.pages.LanguageParam;
import eu.consent.web.pages.PageHeaders;
import jakarta.servlet.http.HttpServletRequest;
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

/**
 * A console page in the operator's language: texts from the {@code console} bundles, Mustache templates (escaping by
 * default), one layout with the navigation the user's role allows. No script: charts are SVG drawn on the server, and
 * the Content-Security-Policy forbids scripts outright.
 */
final class ConsoleView {

    static final List<String> LANGUAGES = List.of("fr", "en", "de", "it");
    private static final Map<String, String> NAMES =
            Map.of("fr", "Français", "en", "English", "de", "Deutsch", "it", "Italiano");
    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("eu/consent/web/console/templates");
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The headers every console page sends, its error pages included. */
    static final Map<String, String> PAGE_HEADERS = PageHeaders.with(SECURITY_POLICY);

    private final Locale locale;
    private final ResourceBundle texts;
    private final Branding brand;
    private boolean localMail;

    ConsoleView(String language, Branding brand) {
        this.locale = Locale.forLanguageTag(language);
        this.texts = ResourceBundle.getBundle("eu.consent.web.console.console", locale, NO_SYSTEM_FALLBACK);
        this.brand = brand;
    }

    /** The console's language: ?lang= if supported, else the browser's, else English. */
    static ConsoleView of(HttpServletRequest request, Branding brand) {
        return new ConsoleView(language(request), brand);
    }

    static String language(HttpServletRequest request) {
        // From the query string only: getParameter would read (and use up) a posted form's body.
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                String chosen = pair.startsWith("lang=") ? LanguageParam.of(pair.substring(5), LANGUAGES) : null;
                if (chosen != null) {
                    return chosen;
                }
            }
        }
        for (Locale l : AcceptLanguage.of(request.getHeader("Accept-Language"))) {
            if (LANGUAGES.contains(l.getLanguage())) {
                return l.getLanguage();
            }
        }
        return "en";
    }

    String language() {
        return locale.getLanguage();
    }

    /** Whether the navigation offers the local mail page. */
    ConsoleView withLocalMail(boolean shown) {
        this.localMail = shown;
        return this;
    }

    Locale locale() {
        return locale;
    }

    /** The query string that keeps the language on every link: {@code ?lang=fr}. */
    String query() {
        return "?lang=" + language();
    }

    String text(String key, Object... arguments) {
        try {
            return MessageFormat.format(texts.getString(key), arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /**
     * A suppression's source in words where it is the person's own act ({@code person:ONE_CLICK}: the page's words for
     * one-click); a list's or a provider's name ({@code list:bloctel}, {@code esp:sendgrid}) as it is.
     */
    String source(String source) {
        return source.startsWith("person:") ? label("value", source.substring("person:".length())) : source;
    }

    /**
     * A label from the bundle when there is one (enum values, job names, audit actions), else the value itself. Read as
     * the other texts are: a French label's doubled apostrophe ({@code d''envoi}) is one.
     */
    String label(String prefix, String value) {
        String key = prefix + "." + value;
        return texts.containsKey(key) ? text(key) : value;
    }

    /** A whole page for a signed-in user: their navigation, their name, a sign-out form. */
    Response page(
            int status,
            ConsoleUser user,
            String logoutToken,
            String current,
            String title,
            String template,
            Map<String, Object> model) {
        Map<String, Object> layout = new HashMap<>();
        layout.put(
                "user",
                Map.of("name", user.name(), "role", text("role." + user.role().name())));
        layout.put("nav", nav(user, current));
        layout.put("logoutToken", logoutToken);
        return respond(status, document(title, template, model, layout));
    }

    /** A page without a session (the login form, a refusal). */
    Response bare(int status, String title, String template, Map<String, Object> model) {
        return respond(status, document(title, template, model, new HashMap<>()));
    }

    private Response respond(int status, String html) {
        Response.ResponseBuilder page = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", language());
        PAGE_HEADERS.forEach(page::header);
        return page.entity(html).build();
    }

    String document(String title, String template, Map<String, Object> model, Map<String, Object> layout) {
        Map<String, String> t = textsForTemplates();
        Map<String, Object> scope = new HashMap<>(model);
        scope.put("t", t);
        scope.put("q", query());
        scope.put("lang", language());
        layout.put("body", render(template, scope));
        layout.put("t", t);
        layout.put("q", query());
        layout.put("lang", language());
        layout.put("title", title);
        if (model.containsKey("refresh")) {
            layout.put("refresh", model.get("refresh"));
        }
        layout.put(
                "brand",
                Map.of(
                        "name",
                        brand.name(),
                        "primary",
                        brand.primary(),
                        "onPrimary",
                        brand.onPrimary(),
                        "link",
                        brand.link()));
        layout.put("languages", switcher(String.valueOf(model.getOrDefault("self", "/console/"))));
        return render("layout", layout);
    }

    private List<Map<String, Object>> nav(ConsoleUser user, String current) {
        List<Map<String, Object>> items = new ArrayList<>();
        addNav(items, current, "dashboard", "/console/");
        addNav(items, current, "leave", "/console/leave");
        if (user.seesPersonalData()) {
            addNav(items, current, "people", "/console/people");
        }
        addNav(items, current, "purposes", "/console/purposes");
        if (user.seesPersonalData()) {
            addNav(items, current, "imports", "/console/imports");
            addNav(items, current, "jobs", "/console/jobs");
            if (localMail) {
                addNav(items, current, "mail", "/console/mail");
            }
        }
        return items;
    }

    private void addNav(List<Map<String, Object>> items, String current, String key, String href) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("href", href + query());
        item.put("text", text("nav." + key));
        item.put("current", key.equals(current));
        items.add(item);
    }

    private List<Map<String, Object>> switcher(String self) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (String code : LANGUAGES) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("code", code);
            link.put("name", NAMES.get(code));
            link.put("href", self + (self.contains("?") ? "&" : "?") + "lang=" + code);
            link.put("current", code.equals(language()));
            links.add(link);
        }
        return links;
    }

    private Map<String, String> textsForTemplates() {
        Map<String, String> all = new HashMap<>();
        for (String key : texts.keySet()) {
            all.put(key.replace('.', '_'), texts.getString(key).replace("''", "'"));
        }
        return all;
    }

    private static String render(String template, Object scope) {
        StringWriter out = new StringWriter();
        TEMPLATES.compile(template + ".mustache").execute(out, scope);
        return out.toString();
    }
}
