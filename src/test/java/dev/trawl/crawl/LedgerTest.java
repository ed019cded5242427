package dev.trawl.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.page.PageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the ledger admits: records of held pages after a stop, never beyond --max-pages. */
class LedgerTest {
    private final List<String> lines = new ArrayList<>();
    private int lastOnes;

    @Test
    void aHeldRecordIsWrittenAfterAStopButAPageFinishingThenIsNot() throws InterruptedException {
        Ledger ledger = new Ledger(OptionalLong.empty(), Optional::empty);
        ledger.close();

        write(ledger, "finished during the stop", false);
        write(ledger, "held", true);

        assertEquals(List.of("held"), lines);
    }

    @Test
    void noRecordAtAllPassesMaxPages() throws InterruptedException {
        Ledger ledger = new Ledger(OptionalLong.of(2), Optional::empty);

        write(ledger, "one", false);
        write(ledger, "two, held", true);
        write(ledger, "three, held", true);
        write(ledger, "four", false);

        assertEquals(List.of("one", "two, held"), lines);
        assertEquals(1, lastOnes);
    }

    private void write(Ledger ledger, String name, boolean held) throws InterruptedException {
        PageRecord record = new PageRecord("http://t.test/", "http://t.test/", 200, 0, null, name, List.of(), null, null,
                1, 0, Instant.EPOCH, null);
        if (held) {
            ledger.writeHeld(record, () -> lines.add(name), () -> lastOnes++);
        } else {
            ledger.write(record, () -> lines.add(name), () -> lastOnes++);
        }
    }
}
