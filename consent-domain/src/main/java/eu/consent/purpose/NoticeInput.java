package eu.consent.purpose;

/** The wording shown to a person in one locale when their consent for a purpose is asked. */
public record NoticeInput(String locale, String text) {}
