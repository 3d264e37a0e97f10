package dev.rallypoint.save.document;

import io.quarkus.redis.datasource.RedisDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Another replica's writer of one document: it stores the document as it finds it, on the version
 * it read, through the same compare-and-set script, pausing {@code pauseMillis} after each write
 * that lands, until closed.
 */
final class RivalWriter implements AutoCloseable {

    private final AtomicBoolean racing = new AtomicBoolean(true);
    private final AtomicInteger writes = new AtomicInteger();
    private final CountDownLatch firstWrite = new CountDownLatch(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;

    RivalWriter(RedisDataSource redis, String key, long pauseMillis) {
        String script = script();
        thread = new Thread(() -> {
            while (racing.get()) {
                Map<String, String> stored = redis.hash(String.class).hmget(key, "doc", "version");
                try {
                    redis.execute("EVAL", script, "1", key, stored.get("version"), stored.get("doc"), "",
                            String.valueOf(System.currentTimeMillis()));
                    writes.incrementAndGet();
                    firstWrite.countDown();
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!String.valueOf(e.getMessage()).contains("version_mismatch")) {
                        failure.set(e);
                        return;
                    }
                }
            }
        });
        thread.start();
    }

    /** Waits until a write of the rival's has landed, so that a race started now overlaps its writing. */
    void awaitFirstWrite() throws InterruptedException {
        if (!firstWrite.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the rival never wrote" + (failure.get() == null ? "" : ": " + failure.get()));
        }
    }

    /** Stops writing; returns how many writes landed, and fails if one failed for another reason. */
    int stop() throws InterruptedException {
        close();
        if (failure.get() != null) {
            throw failure.get();
        }
        return writes.get();
    }

    @Override
    public void close() throws InterruptedException {
        racing.set(false);
        thread.join();
    }

    private static String script() {
        try (InputStream in = RivalWriter.class.getClassLoader().getResourceAsStream("lua/save/write.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
