package dev.rallypoint.matchmaker.replica;

import io.smallrye.mutiny.Uni;

/**
 * What becomes of the seats a dead replica's sockets held: implemented where seats live, so that
 * this package knows replicas and nothing of rooms.
 */
public interface SeatsOfDeadReplicas {

    /** Drops the player's seat if that replica's socket still holds it. */
    Uni<Void> drop(String playerId, String replicaId);
}
