package io.dot4j.bench;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Errors a user can act on (a missing or corrupt model file, a bad option, an ONNX model ORT refuses) become one
 * line {@code dot4j bench: <message>} and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class BenchErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    private BenchErrors() {
    }

    static CommandLine install(CommandLine cl) {
        cl.setExecutionExceptionHandler(new BenchErrors());
        return cl;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (!(ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException || ex instanceof ai.onnxruntime.OrtException)) {
            throw ex;
        }
        String message = ex instanceof NoSuchFileException n ? n.getFile() + ": no such file" : ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        cl.getErr().println("dot4j bench: " + message.lines().findFirst().orElse(message));
        cl.getErr().flush();
        return USER_ERROR;
    }
}
