package eu.consent.imports;

/** What the rules made of one valid row of an import: a contact created, a contact updated (or matched), or a reject. */
sealed interface RowOutcome permits RowOutcome.Created, RowOutcome.Updated, RowOutcome.Rejected {

    /** The row created a contact. */
    record Created(HeldContact contact) implements RowOutcome {}

    /** The row matched a known contact (changed or not). */
    record Updated(HeldContact contact) implements RowOutcome {}

    /** The row writes nothing; the reject says why. */
    record Rejected(Item.Rejected reject) implements RowOutcome {}
}
