package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.mail.ConfirmationTexts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered documents: escaped, in the page's language, branded, without any script. */
class HtmlTest {

    private static Branding brand(String name, String colour) {
        Branding b = new Branding();
        b.name = name;
        b.logoUrl = " ";
        b.primaryColour = colour;
        b.check();
        return b;
    }

    @Test
    void escapesWhatItShowsAndCarriesNoScript() {
        Html html = new Html("de", brand("Acme <Shop> & Co", "#0b5394"), "/confirm/x\"y");
        String page = html.document("T<i>tle", "message", Map.of("body", "<script>alert('x')</script>"));
        assertTrue(page.contains("<html lang=\"de\">"), page);
        assertTrue(page.contains("&lt;script&gt;"), page);
        assertFalse(page.toLowerCase().contains("<script"), page);
        assertTrue(page.contains("Acme &lt;Shop&gt; &amp; Co"), page);
        assertTrue(page.contains("T&lt;i&gt;tle"), page);
        assertFalse(page.contains("x\"y"), "attribute values are escaped too");
        assertTrue(page.contains("Zum Inhalt springen"), "the layout speaks the page's language");
        for (String code : Html.LANGUAGES) {
            assertTrue(page.contains("hreflang=\"" + code + "\""), "the switcher offers " + code);
        }
    }

    @Test
    void textsWithArgumentsAndApostrophesReadWell() {
        Html html = new Html("fr", brand("Acme", "#0b5394"), "/p");
        assertEquals("C'est fait : vous ne recevrez plus X.", html.text("unsubscribed.body", "X"));
        String page = html.document("t", "message", Map.of("body", html.text("error.body")));
        assertTrue(page.contains("Cette demande n&#39;a pas pu") || page.contains("Cette demande n'a pas pu"), page);
    }

    /** A name in another language than the page's carries its own {@code lang} (tester AT's F3), escaped all the same. */
    @Test
    void aPurposeNameInAnotherLanguageIsMarkedWithItAndEscaped() {
        Html html = new Html("de", brand("Acme", "#0b5394"), "/p");
        assertEquals(
                "Sie haben „<span lang=\"en\">Good &lt;deals&gt; &amp; more</span>“ zugestimmt (E-Mail &lt;b&gt;)",
                html.markup("action.GRANT", new ConfirmationTexts.Name("Good <deals> & more", "en"), "E-Mail <b>"));
        assertEquals(
                "Sie haben „Angebote“ zugestimmt (SMS)",
                html.markup("action.GRANT", new ConfirmationTexts.Name("Angebote", "de-AT"), "SMS"),
                "a regional tag of the page's language is the page's language");
        assertEquals(
                "Sie haben „news-1“ zugestimmt (SMS)",
                html.markup("action.GRANT", new ConfirmationTexts.Name("news-1", null), "SMS"),
                "a key is in no language");
        Html french = new Html("fr", brand("Acme", "#0b5394"), "/p");
        assertEquals(
                "Vous vous êtes opposé à « <span lang=\"it\">Offerte</span> » (courrier)",
                french.markup("action.OBJECT", new ConfirmationTexts.Name("Offerte", "it"), "courrier"));
        String page = french.document(
                "t",
                "stay",
                Map.of(
                        "body",
                        "b",
                        "hasPurposes",
                        true,
                        "purposes",
                        List.of(
                                Map.of("text", "Good <deals>", "lang", "en"),
                                Map.of("text", "Bons plans", "lang", false))));
        assertTrue(page.contains("<li><span lang=\"en\">Good &lt;deals&gt;</span></li>"), page);
        assertTrue(page.contains("<li>Bons plans</li>"), page);
    }

    /** A refused form's title says so first, in the page's language; the email field is tied to its message (AT's F4). */
    @Test
    void aRefusedFormsTitleSaysItFailedAndItsMessageIsTiedToTheField() {
        for (String[] expected :
                new String[][] {{"de", "Fehler: "}, {"fr", "Erreur : "}, {"it", "Errore: "}, {"en", "Error: "}}) {
            Html html = new Html(expected[0], brand("Acme", "#0b5394"), "/preferences");
            String title = html.text("request.title");
            String page = (String) html.refusedForm(
                            422, title, "request", Map.of("invalid", true, "email", "x", "action", "/p", "form", "f"))
                    .getEntity();
            assertTrue(page.contains("<title>" + expected[1] + title + " – Acme</title>"), page);
            assertTrue(page.contains("<h1>" + title + "</h1>"), "the heading stays the page's: " + page);
            assertTrue(page.contains("<p id=\"email-error\">"), page);
            assertTrue(page.contains("aria-invalid=\"true\" aria-describedby=\"email-error\""), page);
            String shown = (String) html.page(200, title, "request", Map.of("action", "/p", "form", "f"))
                    .getEntity();
            assertTrue(shown.contains("<title>" + title + " – Acme</title>"), shown);
            assertFalse(shown.contains("aria-describedby=\"email-error\""), shown);
        }
    }

    /** Each receipt's link is named by its row, the table has a caption (tester AT's F6). */
    @Test
    void eachReceiptLinkIsNamedByItsRow() {
        Html html = new Html("de", brand("Acme", "#0b5394"), "/p");
        String what = html.markup("action.GRANT", new ConfirmationTexts.Name("Good deals", "en"), "E-Mail");
        String date = html.text("receipts.when", "7. Dezember 2026", "10:15");
        String file = html.markup("receipts.file.of", date, new Html.Markup(what));
        assertEquals(
                ": Quittung vom 7. Dezember 2026, 10:15 Uhr (UTC), Sie haben „<span lang=\"en\">Good deals</span>“"
                        + " zugestimmt (E-Mail)",
                file);
        String page = html.document(
                "t",
                "receipts",
                Map.of(
                        "hasReceipts",
                        true,
                        "receipts",
                        List.of(Map.of("date", date, "what", what, "file", file, "href", "/receipts/r1"))));
        assertTrue(page.contains("<caption>Ihre Entscheidungen, die neueste zuerst</caption>"), page);
        assertTrue(page.contains("<th scope=\"row\">7. Dezember 2026, 10:15 Uhr (UTC)</th>"), page);
        assertTrue(page.contains(">Herunterladen<span class=\"vh\">" + file + "</span></a>"), page);
    }

    /**
     * A purpose none of whose channels reaches the person says why, with no "by ticking a box above", no notice and no
     * cap field to send (tester AT's F8).
     */
    @Test
    void aPurposeThatCannotReachThePersonSaysWhyAndHasNoField() {
        Html html = new Html("de", brand("Acme", "#0b5394"), "/p");
        assertEquals(
                "Nur per E-Mail oder per SMS versandt: Wir haben keine E-Mail-Adresse oder Telefonnummer von Ihnen.",
                html.text(
                        "prefs.unreachable",
                        PreferenceForm.list(List.of("per E-Mail", "per SMS"), "oder"),
                        PreferenceForm.list(List.of("E-Mail-Adresse", "Telefonnummer"), "oder")));
        assertEquals("a, b or c", PreferenceForm.list(List.of("a", "b", "c"), "or"));
        assertEquals("a", PreferenceForm.list(List.of("a"), "or"));
        String why = "Nur per E-Mail versandt: Wir haben keine E-Mail-Adresse von Ihnen.";
        Map<String, Object> topic = Map.of(
                "key", "news",
                "name", Map.of("text", "Angebote", "lang", false),
                "switches", List.of(),
                "unreachable", why,
                "notice", Map.of("id", "n1", "text", "Notice", "locale", "de"),
                "max", "",
                "periods", List.of());
        String page = html.document("t", "topic", topic);
        assertTrue(page.contains("<p class=\"hint\">" + why + "</p>"), page);
        assertFalse(page.contains("<input"), "nothing to send: " + page);
        assertFalse(page.contains(html.text("prefs.notice")), page);
        assertFalse(page.contains("Notice"), page);
    }

    @Test
    void anyBrandColourKeepsReadableButtonsAndLinks() {
        for (String colour : new String[] {"#0b5394", "#ffde00", "#ffffff", "#000000", "#e30613", "#7fffd4"}) {
            Branding b = brand("Acme", colour);
            assertTrue(Branding.contrast(b.primary(), b.onPrimary()) >= 4.5, colour + " button text");
            assertTrue(Branding.contrast(b.link(), "#ffffff") >= 4.5, colour + " link on white");
        }
        assertEquals(
                Branding.DEFAULT_PRIMARY,
                brand("Acme", "red; } body { display:none").primary());
        assertEquals(21.0, Branding.contrast("#000000", "#ffffff"), 0.01);
    }
}
