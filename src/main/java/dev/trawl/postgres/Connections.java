package dev.trawl.postgres;

import dev.trawl.config.SharedDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few {@link Database} connections for work many page jobs do at once (a host's turn, a page's
 * completion): one connection would make every request wait for the others' round trips. Each call
 * takes the next connection in turn and holds it for the call.
 */
final class Connections implements AutoCloseable {
    private final Database[] connections;
    private final AtomicInteger next = new AtomicInteger();

    Connections(SharedDatabase address, Duration patience, boolean durable, int count) throws SQLException {
        connections = new Database[count];
        try {
            for (int i = 0; i < count; i++) {
                connections[i] = new Database(address, patience, durable);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    <T> T call(String what, Database.Work<T> work) {
        Database db = connections[Math.floorMod(next.getAndIncrement(), connections.length)];
        synchronized (db) {
            return db.call(what, work);
        }
    }

    @Override
    public void close() {
        for (Database db : connections) {
            if (db != null) {
                db.close();
            }
        }
    }
}
