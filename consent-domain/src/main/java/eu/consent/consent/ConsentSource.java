package eu.consent.consent;

/** Where a consent event came from. */
public enum ConsentSource {
    WEB_FORM,
    CHECKOUT,
    ORAL,
    PAPER,
    IMPORT,
    API,
    PREFERENCE_CENTER,
    UNSUBSCRIBE_LINK,
    ONE_CLICK,
    ESP,
    ADMIN
}
