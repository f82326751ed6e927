package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptOutTest {

    @Test
    void anErasureFindsThePersonsAddressSpacedAroundItsAtAndInAnyCase() {
        assertEquals(
                "x [erased] y sp-10@example.com",
                PersonInComment.wholeWord("sp-1@example.com")
                        .matcher("x SP-1 @ Example.COM y sp-10@example.com")
                        .replaceAll("[erased]"));
    }
}
