package eu.consent.web.validation;

import eu.consent.shared.Violations;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A list of enum names as a body carries it ({@code "channels":["EMAIL","SMS"]}): one error on the list's field per
 * name that is no constant (a null one included), as the answers have always listed them, which a container-element
 * constraint cannot do (Bean Validation would fold equal errors on one field into one).
 */
public final class EnumNames {

    private EnumNames() {}

    /** The constants named; {@code null} names none. */
    public static <E extends Enum<E>> Set<E> each(List<String> names, String field, Class<E> type, Violations v) {
        Set<E> constants = EnumSet.noneOf(type);
        if (names != null) {
            for (String name : names) {
                E constant = v.enumValue(field, name == null ? "null" : name, type);
                if (constant != null) {
                    constants.add(constant);
                }
            }
        }
        return constants;
    }
}
