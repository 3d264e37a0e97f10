package dev.rallypoint.kv.aof;

import dev.rallypoint.common.testing.PackagedArtifact;
import dev.rallypoint.common.testing.TestRedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged kv-service (the jar, or the native executable when that was built last) run as
 * its own process, as in production, so that a test can kill -9 it and start it again on the
 * same data directory.
 */
public final class KvProcess implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> properties;
    private final int respPort = freePort();
    private final int linePort = freePort();
    private final Path log;
    private Process process;

    private KvProcess(Path dataDir, Map<String, String> properties) {
        this.dataDir = dataDir;
        this.properties = properties;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** Starts kv-service with its append-only file in {@code dataDir} and waits until it answers. */
    public static KvProcess start(Path dataDir, Map<String, String> properties) {
        KvProcess kv = new KvProcess(dataDir, properties);
        kv.start();
        return kv;
    }

    void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kv.resp.port", String.valueOf(respPort));
        settings.put("kv.line.port", String.valueOf(linePort));
        settings.put("quarkus.http.port", "0");
        settings.put("kv.aof.dir", dataDir.toString());
        settings.putAll(properties);
        List<String> command = PackagedArtifact.of(Path.of("")).command(settings);
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Only this test's settings: a KV_PASSWORD or KV_STORE in the caller's environment is not ours.
            builder.environment().keySet().removeIf(name -> name.startsWith("KV_"));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kv-service exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("kv-service did not open port " + respPort + " within 60 s; see " + log);
            }
            pause();
        }
    }

    public int respPort() {
        return respPort;
    }

    public int linePort() {
        return linePort;
    }

    /** The process's resident memory, from /proc, in bytes. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for process " + process.pid());
    }

    Path appendOnlyFile() {
        return dataDir.resolve(AppendOnlyFile.NAME);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hook runs, nothing buffered in the process is written. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** A clean stop (SIGTERM): the shutdown writes and fsyncs what is pending. */
    void stop() {
        process.destroy();
        waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), respPort)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try {
            return TestRedis.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
