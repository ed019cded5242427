package dev.trawl.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.Warcinfo;

/** Reads an archive's files as a replay tool would, every record to its end, for tests of what a crash leaves. */
public final class WholeArchive {
    private WholeArchive() {
    }

    /**
     * Reads every record of the files to its end (a torn one fails the test), checking that each file
     * begins with its warcinfo, that every block digest is right and that every request has its
     * response or revisit; returns the target of every response record, in order.
     */
    public static List<String> responses(List<Path> files) throws IOException {
        List<String> responses = new ArrayList<>();
        int requests = 0;
        int answers = 0;
        for (Path file : files) {
            try (WarcReader reader = new WarcReader(file)) {
                reader.calculateBlockDigest();
                boolean first = true;
                for (WarcRecord record : reader) {
                    if (first) {
                        assertInstanceOf(Warcinfo.class, record, file + " begins with its warcinfo");
                        first = false;
                    }
                    record.body().consume();
                    if (record.blockDigest().isPresent()) {
                        assertEquals(record.blockDigest(), record.calculatedBlockDigest(), file + ": " + record.id());
                    }
                    if (record instanceof WarcRequest) {
                        requests++;
                    } else if (record instanceof WarcResponse response) {
                        responses.add(response.target());
                        answers++;
                    } else if (record instanceof WarcRevisit) {
                        answers++;
                    }
                }
            }
        }
        assertEquals(requests, answers, "a response or revisit for every request");
        return responses;
    }
}
