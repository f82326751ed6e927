package eu.consent.web.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Small, dependency-free HTML pages in the recipient's language, working without JavaScript. */
final class Html {

    static final List<String> LANGUAGES = List.of("fr", "en", "de", "it");
    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle texts;

    Html(String language) {
        this.locale = Locale.forLanguageTag(language);
        this.texts = ResourceBundle.getBundle("eu.consent.web.pages.pages", locale, NO_SYSTEM_FALLBACK);
    }

    /** The page language: ?lang= if supported, else the contact's, else the browser's, else English. */
    static String language(String requested, String contactLocale, List<Locale> acceptable) {
        if (requested != null && LANGUAGES.contains(requested)) {
            return requested;
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

    Locale locale() {
        return locale;
    }

    String text(String key, Object... arguments) {
        try {
            return escape(MessageFormat.format(texts.getString(key), arguments));
        } catch (MissingResourceException e) {
            return escape(key);
        }
    }

    Response page(int status, String title, String body) {
        String html =
                "<!DOCTYPE html>\n<html lang=\"" + locale.getLanguage() + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        + "<meta name=\"robots\" content=\"noindex\">\n<title>" + title + "</title>\n"
                        + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
                        + "line-height:1.5;color:#1a1a1a}button{font-size:1rem;padding:.6rem 1.2rem;background:#0b5394;"
                        + "color:#fff;border:0;border-radius:4px;cursor:pointer}button:focus{outline:3px solid #f1c232}"
                        + "</style>\n</head>\n<body>\n<main>\n<h1>" + title + "</h1>\n" + body
                        + "\n</main>\n</body>\n</html>\n";
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .entity(html)
                .build();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
