package dev.rallypoint.system;

import java.util.regex.Pattern;

/** What a service's log line is, in the console format ({@code 2026-12-02 19:30:49,609 WARN  [...]}) or as JSON. */
final class LogLines {

    private static final Pattern TEXT_WARNING_OR_ERROR = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} [\\d:,.]+ +(WARN|ERROR|FATAL) .*");
    private static final Pattern JSON_WARNING_OR_ERROR = Pattern.compile(".*\"level\" *: *\"(WARN|WARNING|ERROR|FATAL)\".*");
    private static final Pattern STACK_TRACE = Pattern.compile(
            "^\\s+at \\S+\\(.*\\)$|^Caused by: .*|^\\s+\\.\\.\\. \\d+ more$|.*\"(exception|stackTrace)\" *:.*");

    private LogLines() {
    }

    static boolean isWarningOrError(String line) {
        return TEXT_WARNING_OR_ERROR.matcher(line).matches() || JSON_WARNING_OR_ERROR.matcher(line).matches();
    }

    static boolean isStackTrace(String line) {
        return STACK_TRACE.matcher(line).matches();
    }
}
