package dev.rallypoint.kv.command;

import dev.rallypoint.kv.store.Glob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parameters CONFIG GET and CONFIG SET know, by Redis's names: those kv-service has (some
 * changeable at runtime), and Redis's encoding-tuning ones, which clients and test harnesses set
 * at connect and which mean nothing here, kept only to be echoed back.
 */
public final class Settings {

    /** A value CONFIG SET refuses, with Redis's reason. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String reason) {
            super(reason);
        }
    }

    private record Parameter(Supplier<String> get, Consumer<String> set) {
    }

    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /** A parameter CONFIG SET can change: {@code set} throws {@link Refused} for a bad value. */
    public void changeable(String name, Supplier<String> get, Consumer<String> set) {
        byName.put(name, new Parameter(get, set));
    }

    /** A parameter fixed for the life of the process. */
    public void fixed(String name, Supplier<String> get) {
        byName.put(name, new Parameter(get, null));
    }

    /** An integer parameter that changes nothing here; each name shares the value of the first. */
    public void tuning(long initial, String... names) {
        String[] value = {Long.toString(initial)};
        for (String name : names) {
            changeable(name, () -> value[0], v -> value[0] = Long.toString(integer(v)));
        }
    }

    public static long integer(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Refused("argument couldn't be parsed into an integer");
        }
    }

    /** Name and value of every parameter matching one of the patterns, each once. */
    List<String[]> get(List<byte[]> patterns) {
        List<String[]> found = new ArrayList<>();
        byName.forEach((name, parameter) -> {
            byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (byte[] pattern : patterns) {
                byte[] lower = new String(pattern, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (Glob.matches(lower, bytes)) {
                    found.add(new String[] {name, parameter.get().get()});
                    return;
                }
            }
        });
        return found;
    }

    /**
     * Sets every pair or none: the first unknown name, fixed parameter or bad value is the error,
     * as Redis words it, and nothing changes.
     */
    String set(List<String[]> pairs) {
        List<String> seen = new ArrayList<>();
        for (String[] pair : pairs) {
            Parameter parameter = byName.get(pair[0]);
            if (parameter == null) {
                return "Unknown option or number of arguments for CONFIG SET - '" + pair[0] + "'";
            }
            if (seen.contains(pair[0])) {
                return failed(pair[0], "duplicate parameter");
            }
            seen.add(pair[0]);
            if (parameter.set() == null) {
                return failed(pair[0], "can't set immutable config");
            }
        }
        Map<String, String> previous = new LinkedHashMap<>();
        for (String[] pair : pairs) {
            Parameter parameter = byName.get(pair[0]);
            try {
                String before = parameter.get().get();
                parameter.set().accept(pair[1]);
                previous.put(pair[0], before);
            } catch (Refused e) {
                previous.forEach((name, value) -> byName.get(name).set().accept(value));
                return failed(pair[0], e.getMessage());
            }
        }
        return null;
    }

    private static String failed(String name, String reason) {
        return "CONFIG SET failed (possibly related to argument '" + name + "') - " + reason;
    }
}
