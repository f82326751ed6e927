package eu.consent.purpose;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a message reaches a person; each has its own legal regime. A channel knows the identifier it reaches a person
 * through, so that suppressions, opt-outs and erasures agree on which entry blocks which channel.
 */
public enum Channel {
    EMAIL(IdentifierKind.EMAIL),
    SMS(IdentifierKind.PHONE),
    PHONE(IdentifierKind.PHONE),
    POSTAL(IdentifierKind.POSTAL),
    /** Custom audiences are matched on the email address. */
    SOCIAL_ADS(IdentifierKind.EMAIL),
    /** Reaches a device, through no identifier we hold or suppress. */
    PUSH(null);

    private final IdentifierKind identifier;

    Channel(IdentifierKind identifier) {
        this.identifier = identifier;
    }

    /** The kind of identifier this channel reaches a person through; empty for a device channel. */
    public Optional<IdentifierKind> identifier() {
        return Optional.ofNullable(identifier);
    }

    /** Whether this channel reaches a person through that kind of identifier. */
    public boolean reachedBy(IdentifierKind kind) {
        return identifier == kind;
    }

    /**
     * The identifiers that carry this channel's {@code ERASED} mark, the keyed hash an erasure keeps of a person who
     * had opted out: the identifier the channel reaches them through or, for a device channel (push), which reaches
     * them through none, their email address and phone number. Those are what a person comes back with (an app
     * account is opened with one or the other), so their objection on push holds whichever they give again; a postal
     * address is left out, being shared by a household and never what an app account is opened with. Post carries its
     * mark under the address and under the email address and number too: a letter may go to an address never given
     * to us (a decision on post answers without one), so a person who objected to post, was erased and came back with
     * only their email address was answered "allowed" on post until 2026-12-06.
     */
    public Set<IdentifierKind> markedThrough() {
        if (identifier == null) {
            return EnumSet.of(IdentifierKind.EMAIL, IdentifierKind.PHONE);
        }
        return identifier == IdentifierKind.POSTAL
                ? EnumSet.of(IdentifierKind.POSTAL, IdentifierKind.EMAIL, IdentifierKind.PHONE)
                : EnumSet.of(identifier);
    }

    /** The channels whose {@code ERASED} mark one kind of identifier carries ({@link #markedThrough()}). */
    public static Set<Channel> markedThrough(IdentifierKind kind) {
        EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
        for (Channel c : values()) {
            if (c.markedThrough().contains(kind)) {
                channels.add(c);
            }
        }
        return channels;
    }

    /** The channels reached through one kind of identifier, in declaration order. */
    public static Set<Channel> reachedThrough(IdentifierKind kind) {
        EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
        for (Channel c : values()) {
            if (c.identifier == kind) {
                channels.add(c);
            }
        }
        return channels;
    }
}
