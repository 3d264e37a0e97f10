package dev.rallypoint.kv.aof;

import dev.rallypoint.kv.store.ChangeLog;
import dev.rallypoint.kv.store.EntrySink;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.MemoryStore;
import dev.rallypoint.kv.store.StoreException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The memory store's append-only file. Changes are encoded into {@code pending} under the
 * store's monitor, in the order applied; before a connection replies to writes it calls
 * {@link #awaitDurable}, which writes what is pending (one write for every client waiting, a
 * group commit) and, with {@code always}, fsyncs it. A background thread fsyncs once a second
 * ({@code everysec}) and starts a compaction when the file has grown past the configured factor.
 *
 * <p>Locks, always in this order: {@code writeLock} (the file), then this object's monitor (the
 * buffers). The store's monitor may be held when taking this object's monitor, never the reverse.
 */
public final class AppendOnlyFile implements ChangeLog, AutoCloseable {

    static final String NAME = "appendonly.aof";
    private static final Logger LOG = Logger.getLogger(AppendOnlyFile.class);
    // Compaction copies the changes made meanwhile in pieces; the last piece, copied while
    // commands wait, is at most this big.
    private static final int FINAL_TAIL = 64 * 1024;

    private final Path dir;
    private final Path file;
    // Changeable at runtime (CONFIG SET appendfsync): each wait reads it once.
    private volatile FsyncPolicy policy;
    private final MemoryStore store;
    private final long rewriteMinSize;
    private final int rewritePercentage;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ScheduledExecutorService ticker;
    private final ExecutorService compactor;
    private final AtomicBoolean compacting = new AtomicBoolean();
    private final AtomicLong compactions = new AtomicLong();
    private volatile boolean closed;
    // The first write error: from then on no write is acknowledged, as Redis refuses writes
    // after a failed AOF write, since the file no longer holds everything the memory does.
    private volatile IOException failure;

    // Guarded by writeLock.
    private FileChannel channel;
    private RecordBuffer spare = new RecordBuffer();

    // Guarded by this object's monitor: changes not yet written, and while a compaction runs,
    // every change since it began.
    private RecordBuffer pending = new RecordBuffer();
    private RecordBuffer compactionTail;

    // Bytes of changes ever appended, written to the file, and fsynced: a client waits until the
    // counter its policy needs has reached what was appended before it asked.
    private volatile long appended;
    private volatile long written;
    private volatile long synced;
    private volatile long fileSize;
    private volatile long baseSize;

    private AppendOnlyFile(Path dir, FsyncPolicy policy, MemoryStore store, long rewriteMinSize, int rewritePercentage,
                           FileChannel channel) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(NAME);
        this.policy = policy;
        this.store = store;
        this.rewriteMinSize = rewriteMinSize;
        this.rewritePercentage = rewritePercentage;
        this.channel = channel;
        this.fileSize = channel.size();
        this.baseSize = fileSize;
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("kv-aof-fsync").daemon().factory());
        this.compactor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("kv-aof-compaction").daemon().factory());
    }

    /**
     * Replays the file in {@code dir} into the store (cutting off a torn last record), then logs
     * the store's changes to it from now on.
     */
    public static AppendOnlyFile open(Path dir, FsyncPolicy policy, MemoryStore store, long rewriteMinSize,
                                      int rewritePercentage) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(NAME);
        Files.deleteIfExists(dir.resolve(NAME + ".rewrite"));
        if (Files.exists(file)) {
            long size = Files.size(file);
            long complete = AofReplay.replay(file, store);
            if (complete < size) {
                LOG.warnf("append-only file %s ends inside a record (a write cut short by a crash): "
                        + "cut off its last %d bytes, kept %d bytes of complete records", file, size - complete, complete);
                try (FileChannel cut = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    cut.truncate(complete);
                    cut.force(true);
                }
            }
            LOG.infof("replayed %s: %d keys", file, store.size());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        AppendOnlyFile aof = new AppendOnlyFile(dir, policy, store, rewriteMinSize, rewritePercentage, channel);
        store.log(aof);
        aof.ticker.scheduleWithFixedDelay(aof::tick, 1, 1, TimeUnit.SECONDS);
        return aof;
    }

    @Override
    public synchronized void set(Key key, byte[] value, long expireAt) {
        int from = pending.size();
        pending.set(key, value, expireAt);
        appended(from);
    }

    @Override
    public synchronized void mset(Key[] keys, byte[][] values) {
        int from = pending.size();
        pending.mset(keys, values);
        appended(from);
    }

    @Override
    public synchronized void del(Key[] keys, int count) {
        int from = pending.size();
        pending.del(keys, count);
        appended(from);
    }

    @Override
    public synchronized void expireAt(Key key, long expireAt) {
        int from = pending.size();
        pending.expireAt(key, expireAt);
        appended(from);
    }

    @Override
    public synchronized void hset(Key key, byte[][] fieldsAndValues, int from, int to) {
        int start = pending.size();
        pending.hset(key, fieldsAndValues, from, to);
        appended(start);
    }

    @Override
    public synchronized void hdel(Key key, byte[][] fields, int count) {
        int from = pending.size();
        pending.hdel(key, fields, count);
        appended(from);
    }

    @Override
    public synchronized void flush() {
        int from = pending.size();
        pending.flush();
        appended(from);
    }

    private void appended(int from) {
        if (compactionTail != null) {
            compactionTail.copy(pending, from, pending.size());
        }
        appended += pending.size() - from;
    }

    @Override
    public void awaitDurable() {
        if (failure != null) {
            throw failed(failure);
        }
        long target = appended;
        if (reached(target)) {
            return;
        }
        writeLock.lock();
        try {
            // Another client's write may have carried these changes already.
            if (reached(target)) {
                return;
            }
            writePending();
            if (policy == FsyncPolicy.ALWAYS) {
                channel.force(false);
                synced = written;
            }
        } catch (IOException e) {
            LOG.error("cannot write the append-only file; no further write will be acknowledged", e);
            failure = e;
            throw failed(e);
        } finally {
            writeLock.unlock();
        }
    }

    private static StoreException failed(IOException e) {
        return new StoreException("Errors writing to the AOF file: " + e.getMessage());
    }

    private boolean reached(long target) {
        return (policy == FsyncPolicy.ALWAYS ? synced : written) >= target;
    }

    /** Writes what is pending; under writeLock. */
    private void writePending() throws IOException {
        RecordBuffer batch;
        long upTo;
        synchronized (this) {
            batch = pending;
            pending = spare;
            upTo = appended;
        }
        batch.writeTo(channel);
        fileSize += batch.size();
        batch.clear();
        spare = batch;
        written = upTo;
    }

    /** Once a second: everysec's fsync, and a compaction when the file has outgrown the data. */
    private void tick() {
        try {
            FileChannel current;
            long upTo;
            writeLock.lock();
            try {
                writePending();
                current = channel;
                upTo = written;
            } finally {
                writeLock.unlock();
            }
            if (policy == FsyncPolicy.EVERYSEC) {
                // Outside the lock, as Redis fsyncs in a background thread: writes go on meanwhile.
                current.force(false);
                synced = Math.max(synced, upTo);
            }
            long size = fileSize;
            if (size >= rewriteMinSize && size > baseSize + baseSize * rewritePercentage / 100) {
                compactInBackground();
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            // A compaction swapped the file meanwhile; it fsynced the new one.
        } catch (IOException e) {
            LOG.error("append-only file write or fsync failed; no further write will be acknowledged", e);
            failure = e;
        } catch (RuntimeException e) {
            LOG.error("append-only file fsync failed", e);
        }
    }

    /** Starts a compaction unless one runs; false when one was already running. */
    public boolean compactInBackground() {
        if (!compacting.compareAndSet(false, true)) {
            return false;
        }
        compactor.execute(() -> {
            try {
                compact();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.error("append-only file compaction failed; the current file stays", e);
                }
                synchronized (this) {
                    compactionTail = null;
                }
                deleteQuietly(dir.resolve(NAME + ".rewrite"));
            } finally {
                compacting.set(false);
            }
        });
        return true;
    }

    /**
     * Rewrites the file as one SET per live string and one HSET per hash (with its expiry), then the changes made meanwhile, and swaps it in.
     * The keys are read a thousand at a time, so commands run between chunks. A change made to a
     * key before its chunk was read is both in the chunk and in the tail: replaying it again over
     * the state it produced changes nothing, since every record is a key's whole new state.
     */
    private void compact() throws IOException {
        Path temp = dir.resolve(NAME + ".rewrite");
        long started = System.nanoTime();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            synchronized (this) {
                compactionTail = new RecordBuffer();
            }
            RecordBuffer chunk = new RecordBuffer();
            long cursor = 0;
            do {
                cursor = store.dump(cursor, 1000, new EntrySink() {
                    @Override
                    public void entry(Key key, byte[] value, long expireAt) {
                        chunk.set(key, value, expireAt);
                    }

                    @Override
                    public void hash(Key key, byte[][] fieldsAndValues, long expireAt) {
                        chunk.hash(key, fieldsAndValues, expireAt);
                    }
                });
                chunk.writeTo(out);
                chunk.clear();
            } while (cursor != 0);
            while (true) {
                RecordBuffer tail;
                synchronized (this) {
                    if (compactionTail.size() <= FINAL_TAIL) {
                        break;
                    }
                    tail = compactionTail;
                    compactionTail = new RecordBuffer();
                }
                tail.writeTo(out);
            }
            out.force(false);
            writeLock.lock();
            try {
                if (closed) {
                    throw new IOException("shutting down");
                }
                synchronized (this) {
                    // Commands wait from here to the swap: a small tail, one fsync, one rename.
                    compactionTail.writeTo(out);
                    out.force(false);
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    syncDirectory();
                    channel.close();
                    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    // What was pending is in the tail, now on disk.
                    pending.clear();
                    written = appended;
                    synced = appended;
                    compactionTail = null;
                    fileSize = channel.size();
                    baseSize = fileSize;
                }
            } finally {
                writeLock.unlock();
            }
        }
        compactions.incrementAndGet();
        LOG.infof("compacted the append-only file to %d bytes in %d ms", fileSize,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", path, e.getMessage());
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    public FsyncPolicy policy() {
        return policy;
    }

    /** From now on, replies wait for this policy; an {@code always} wait writes and fsyncs what is pending. */
    public void policy(FsyncPolicy policy) {
        this.policy = policy;
    }

    public long fileSize() {
        return fileSize;
    }

    public long baseSize() {
        return baseSize;
    }

    public boolean compacting() {
        return compacting.get();
    }

    public long compactions() {
        return compactions.get();
    }

    /** Writes and fsyncs what is pending, then closes: a clean shutdown loses nothing. */
    @Override
    public void close() throws IOException {
        closed = true;
        // No interrupts: an interrupted thread's file operation would close the file under us.
        ticker.shutdown();
        compactor.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeLock.lock();
        try {
            writePending();
            channel.force(false);
            channel.close();
        } finally {
            writeLock.unlock();
        }
    }
}
