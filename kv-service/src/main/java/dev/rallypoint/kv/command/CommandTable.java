package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every command by lower-case name. {@link #find} looks a name up case-insensitively straight
 * from the request bytes, without making a String per command.
 */
public final class CommandTable {

    private final TreeMap<String, CommandSpec> byName = new TreeMap<>();
    // Open addressing on a case-folded hash of the name; sized far above the command count.
    private final CommandSpec[] slots = new CommandSpec[512];
    private final byte[][] slotNames = new byte[512][];

    /** A command that only replies (and writes, when flagged WRITE). */
    public void add(String name, int arity, Set<Flag> flags, CommandHandler handler) {
        Outcome outcome = flags.contains(Flag.WRITE) ? Outcome.WROTE : Outcome.REPLIED;
        addConnectionCommand(name, arity, flags, (client, argv, out) -> {
            handler.handle(client, argv, out);
            return outcome;
        });
    }

    /** A command that acts on its connection: it returns what follows its reply. */
    public void addConnectionCommand(String name, int arity, Set<Flag> flags, ConnectionHandler handler) {
        CommandSpec spec = new CommandSpec(name, arity, flags, handler, new LongAdder());
        byName.put(name, spec);
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int i = hash(bytes) & (slots.length - 1);
        while (slots[i] != null) {
            i = (i + 1) & (slots.length - 1);
        }
        slots[i] = spec;
        slotNames[i] = bytes;
    }

    /** The command named by these bytes in any case, or null. */
    public CommandSpec find(byte[] name) {
        int i = hash(name) & (slots.length - 1);
        while (slots[i] != null) {
            if (equalsIgnoreCase(slotNames[i], name)) {
                return slots[i];
            }
            i = (i + 1) & (slots.length - 1);
        }
        return null;
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + (b | 0x20);
        }
        return h ^ (h >>> 16);
    }

    /** {@code lower} is an ASCII lower-case command name; letters in {@code b} match in any case. */
    private static boolean equalsIgnoreCase(byte[] lower, byte[] b) {
        if (lower.length != b.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            int c = b[i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower[i]) {
                return false;
            }
        }
        return true;
    }
}
