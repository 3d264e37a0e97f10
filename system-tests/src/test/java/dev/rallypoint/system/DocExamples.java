package dev.rallypoint.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shell examples of one Markdown page, as {@link DocExamplesTest} runs them.
 * <p>
 * An example is a fenced block whose info string is {@code sh example}; {@code sh example
 * background} marks one that keeps running (the suite), whose expected lines are awaited before
 * the page goes on. In a block, a command is one or more lines that are not comments; the
 * comment lines right under it (no blank line between) are what it prints: each must match a
 * line of its output, in order, where {@code ...} stands for any text and other output lines may
 * come between. A comment after a blank line is prose. A page's examples run top to bottom in
 * one shell, so a variable set by one example is there for the next, as in a reader's terminal.
 */
record DocExamples(Path page, List<Block> blocks, List<Integer> otherShellBlocks) {

    /** One command and the lines it must print. */
    record Step(int line, String command, List<String> expected) {
    }

    record Block(int line, boolean background, List<Step> steps) {
    }

    private static final Pattern SHELL = Pattern.compile("(sh|bash|shell|console)\\b.*");

    static DocExamples read(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            String info = fence.substring(3).strip();
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            String[] words = info.split("\\s+");
            if (words.length >= 2 && words[0].equals("sh") && words[1].equals("example")) {
                boolean background = words.length >= 3 && words[2].equals("background");
                blocks.add(new Block(i + 1, background, steps(lines.subList(start, end), start + 1)));
            } else if (SHELL.matcher(info).matches()) {
                others.add(i + 1);
            }
            i = end;
        }
        return new DocExamples(page, blocks, others);
    }

    /** The commands of a block, each with the comment lines right under it. */
    private static List<Step> steps(List<String> lines, int firstLine) {
        List<Step> steps = new ArrayList<>();
        StringBuilder command = null;
        List<String> expected = null;
        int line = 0;
        boolean underCommand = false;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                underCommand = false;
            } else if (text.startsWith("#")) {
                if (underCommand) {
                    expected.add(text.startsWith("# ") ? text.substring(2) : text.substring(1));
                }
            } else if (underCommand && expected.isEmpty()) {
                command.append('\n').append(text);
            } else {
                if (command != null) {
                    steps.add(new Step(line, command.toString(), List.copyOf(expected)));
                }
                command = new StringBuilder(text);
                expected = new ArrayList<>();
                line = firstLine + i;
                underCommand = true;
            }
        }
        if (command != null) {
            steps.add(new Step(line, command.toString(), List.copyOf(expected)));
        }
        return steps;
    }

    /** Whether an output line matches an expected one: {@code ...} is any text, the rest is literal. */
    static boolean matches(String expected, String line) {
        String[] parts = expected.strip().split(Pattern.quote("..."), -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(line.strip()).matches();
    }

    /** The first expected line that the output does not show, in order; null when all are there. */
    static String missing(List<String> expected, List<String> output) {
        int at = 0;
        for (String want : expected) {
            while (at < output.size() && !matches(want, output.get(at))) {
                at++;
            }
            if (at == output.size()) {
                return want;
            }
            at++;
        }
        return null;
    }
}
