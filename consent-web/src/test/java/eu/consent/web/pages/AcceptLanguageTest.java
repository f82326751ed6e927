package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The page's language from {@code Accept-Language} alone: weights, refusals, unreadable entries. */
class AcceptLanguageTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "de;q=0.1, it;q=0.9 | it",
                "de-AT | de",
                "IT-ch | it",
                "de;q=0 | en",
                "it;q=0, * | en",
                "fr;q=0, *;q=0.5 | en",
                "de;q=0, it;q=0 | en",
                "de;q=0, de-AT;q=0.5 | de",
                "it;q=1.5, de | de",
                "de_DE, it | it",
                ",, fr ,, | fr",
                "garbage!! | en",
                "'' | en"
            })
    void choosesTheMostWantedLanguageTheBrowserAccepts(String header, String page) {
        assertEquals(page, Html.language(null, null, AcceptLanguage.of(header)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"fr;q=0.3, de;q=0.8, it | it de fr", "en, de;q=0 | en"})
    void ordersByWeightAndDropsRefusals(String header, String languages) {
        List<String> got =
                AcceptLanguage.of(header).stream().map(Locale::getLanguage).toList();
        assertEquals(List.of(languages.split(" ")), got);
    }
}
