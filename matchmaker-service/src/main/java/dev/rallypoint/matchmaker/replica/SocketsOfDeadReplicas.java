package dev.rallypoint.matchmaker.replica;

import io.smallrye.mutiny.Uni;

/**
 * What becomes of what a dead replica's sockets held for their players (a seat, a place in a
 * party): implemented where those live, so that this package knows replicas and nothing of rooms
 * or parties.
 */
public interface SocketsOfDeadReplicas {

    /** Lets go of what the player had through a socket of that replica, as if the socket had closed. */
    Uni<Void> drop(String playerId, String replicaId);
}
