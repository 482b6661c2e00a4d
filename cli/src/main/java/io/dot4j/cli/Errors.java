package io.dot4j.cli;

import io.dot4j.core.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the errors a user can act on (bad data files, I/O failures, wrong arguments, {@link UserError}) into one
 * line {@code dot4j: <message>} on stderr and exit code {@value #USER_ERROR}; anything else is a bug and keeps its
 * stack trace. Every command shares it through {@link Main#commandLine()}.
 */
public final class Errors implements IExecutionExceptionHandler {

    /** Exit code for errors in the user's input or environment (picocli also uses 2 for bad arguments). */
    public static final int USER_ERROR = 2;

    private Errors() {
    }

    /** Installs the handler on {@code commandLine} and all its sub-commands; returns it. */
    public static CommandLine install(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler(new Errors());
        return commandLine;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (!isUserFacing(ex)) {
            throw ex;
        }
        commandLine.getErr().println("dot4j: " + describe(ex));
        commandLine.getErr().flush();
        return USER_ERROR;
    }

    static boolean isUserFacing(Throwable ex) {
        return ex instanceof UserError || ex instanceof DataFormatException || ex instanceof IOException
                || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException;
    }

    /** A one-line description: the message, made readable for the terse file-system exceptions. */
    public static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (ex instanceof FileSystemException fs) {
            String reason = fs.getReason();
            String file = fs.getFile();
            if (ex instanceof NoSuchFileException) {
                return file + ": " + (reason != null ? reason : "no such file or folder");
            }
            if (ex instanceof AccessDeniedException) {
                return file + ": " + (reason != null ? reason : "permission denied");
            }
            if (ex instanceof FileAlreadyExistsException) {
                return file + ": " + (reason != null ? reason : "already exists");
            }
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        String line = message.lines().findFirst().orElse(message);
        // a low-level exception without a message must not print as "...: null"
        return line.endsWith(": null") ? line.substring(0, line.length() - ": null".length()) : line;
    }
}
