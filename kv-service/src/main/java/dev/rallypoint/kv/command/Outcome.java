package dev.rallypoint.kv.command;

/**
 * What running a command means for its connection besides the reply: the reply must wait until
 * the command's write is durable ({@code wrote}), the connection closes once the reply is sent
 * ({@code close}), or the replies so far are held back for a while ({@code holdMillis}, a
 * throttled AUTH).
 */
public record Outcome(boolean wrote, boolean close, long holdMillis) {

    public static final Outcome REPLIED = new Outcome(false, false, 0);
    public static final Outcome WROTE = new Outcome(true, false, 0);
    public static final Outcome CLOSE = new Outcome(false, true, 0);

    public static Outcome holdBack(long millis) {
        return millis > 0 ? new Outcome(false, false, millis) : REPLIED;
    }
}
