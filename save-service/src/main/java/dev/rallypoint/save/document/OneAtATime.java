package dev.rallypoint.save.document;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the tasks given for one key one after another in this process. Patches of one document
 * then never race each other inside a replica, so their compare-and-set loses only to writers on
 * other replicas; a task of another key never waits.
 */
final class OneAtATime {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> last = new ConcurrentHashMap<>();

    <T> Uni<T> run(String key, Supplier<Uni<T>> task) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> previous = last.put(key, done);
            Uni<Void> turn = previous == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(previous);
            return turn.chain(ignored -> task.get()).onTermination().invoke(() -> {
                last.remove(key, done);
                done.complete(null);
            });
        });
    }
}
