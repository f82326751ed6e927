package eu.consent.web.purpose;

import eu.consent.purpose.PublishNotice;
import eu.consent.shared.LanguageTags;
import eu.consent.web.validation.RequestChecks;
import jakarta.validation.constraints.NotNull;

/**
 * A notice as an administrator publishes it (the {@code NoticeInput} of the API, and the console's form): the wording
 * of one locale, checked here and then carried as a typed {@link PublishNotice}. Only its form is checked here: the
 * caller asks first whether the purpose exists, since an unknown purpose has always been answered 404 before any
 * error of the body.
 */
public record NoticeRequest(
        @NotNull(message = "is required") String locale,
        @NotNull(message = "is required") String text) {

    /** The command, or every field error at once, in the order of the body. */
    public PublishNotice toCommand(RequestChecks checks) {
        String[] tag = new String[1];
        checks.check(this, v -> {
                    if (locale != null) {
                        tag[0] = LanguageTags.normalize(locale, "locale", v);
                    }
                    if (text != null && !PublishNotice.isWellFormedText(text)) {
                        v.add("text", PublishNotice.TEXT_RULE);
                    }
                })
                .throwIfAny();
        return new PublishNotice(tag[0], text);
    }
}
