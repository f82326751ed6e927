package eu.consent.contact;

/**
 * What a contact did. Every type but {@link #OPEN} is a sign of life that moves {@code lastActiveAt}; the CNIL does not
 * count an open (images load by themselves) as one.
 */
public enum ActivityType {
    CLICK,
    OPEN,
    FORM_SUBMIT,
    PURCHASE,
    REPLY,
    LOGIN,
    PREFERENCE_CHANGE;

    public boolean isActive() {
        return this != OPEN;
    }
}
