package dev.trawl;

import dev.trawl.cli.TrawlCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/** Runs the trawl command and exits with its status; the only {@code System.exit} in trawl. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // The raw file descriptor, not System.out: a PrintStream swallows write errors, and the
        // crawler must see EPIPE (| head) and disk-full to stop with the right status.
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        int status = TrawlCommand.commandLine(System.in, stdout, System.err).execute(args);
        System.exit(status);
    }
}
