package dev.trawl;

import dev.trawl.cli.TrawlCommand;
import dev.trawl.config.TrawlVersion;
import dev.trawl.fetch.HttpClientFactory;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.channels.Channels;

/** Runs the trawl command and exits with its status; the only {@code System.exit} in trawl. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The same line picocli prints, without building the command model first: that
            // reflection over every option is most of the start-up time of `trawl --version`.
            System.out.println("trawl " + TrawlVersion.current());
            System.exit(0);
        }
        HttpClientFactory.warmUp();
        // The raw file descriptor, not System.out: a PrintStream swallows write errors, and the
        // crawler must see EPIPE (| head) and disk-full to stop with the right status.
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        // stdin through a channel: a read blocked on it (seeds from a pipe that stays open) can be
        // interrupted when a signal stops the crawl; a plain FileInputStream read cannot.
        InputStream stdin = Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
        int status;
        try (SoftHeapLimit heapLimit = SoftHeapLimit.start()) {
            status = TrawlCommand.commandLine(stdin, stdout, System.err).execute(args);
        }
        System.exit(status);
    }
}
