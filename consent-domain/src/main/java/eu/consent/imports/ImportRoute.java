package eu.consent.imports;

/**
 * Which partition of an import's writing step a row belongs to: the same for every row of one person, so that one
 * partition sees a person's rows in file order. The key is the normalized email, else the phone; a row with neither
 * (or a reject without them) goes by its line, so each row still has exactly one partition.
 */
public final class ImportRoute {

    private ImportRoute() {}

    /** The partition, from 0 to {@code partitions - 1}, of {@code item}. */
    public static int of(Item item, int partitions) {
        if (partitions <= 1) {
            return 0;
        }
        String key;
        if (item instanceof Item.Row r) {
            key = r.email() != null ? r.email() : r.phone();
        } else {
            Item.Rejected r = (Item.Rejected) item;
            key = r.email() != null ? r.email() : r.phone();
        }
        return key == null ? ofLine(item.line(), partitions) : of(key, partitions);
    }

    /** The partition of a row whose key (normalized email, else phone) is {@code key}. */
    public static int of(String key, int partitions) {
        // String.hashCode is fixed by the language: a restart, on any server, routes each row as the first run did.
        return partitions <= 1 ? 0 : (int) Math.floorMod((long) key.hashCode(), (long) partitions);
    }

    private static int ofLine(long line, int partitions) {
        return (int) Math.floorMod(line, (long) partitions);
    }
}
