package dev.rallypoint.matchmaker.party;

/** The Redis keys of parties; a party's own keys carry its id as their hash tag. */
final class PartyKeys {

    /** {@code mm:parties:away}: "{@code <partyId> <playerId>}" of members away, by the end of their grace (ms). */
    static final String AWAY = "mm:parties:away";

    private PartyKeys() {
    }

    /** {@code mm:party:{<partyId>}}: the party's JSON (see {@code party-lib.lua}). */
    static String party(String partyId) {
        return "mm:party:{" + partyId + "}";
    }

    /** The channel of the party's events. */
    static String channel(String partyId) {
        return party(partyId) + ":events";
    }

    /** {@code mm:party-code:<code>}: the party of an invite code. */
    static String code(String code) {
        return "mm:party-code:" + code;
    }

    /** {@code mm:party-of:<playerId>}: the one party a player is in, claimed before it joins. */
    static String of(String playerId) {
        return "mm:party-of:" + playerId;
    }
}
