package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class InternalErrorHandlerTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("frontier lost a URL");
        }
    }

    @Test
    void unexpectedExceptionIsOneLineAndExitOne() {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new Boom())
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(new InternalErrorHandler())
                .execute();
        assertEquals(1, status);
        assertEquals("trawl: internal error: frontier lost a URL" + System.lineSeparator(), err.toString());
    }
}
