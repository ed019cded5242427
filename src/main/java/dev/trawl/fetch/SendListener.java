package dev.trawl.fetch;

import dev.trawl.frontier.HostKey;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Tells the pacer when a request really goes out (its headers are being written), so that the gap
 * between two requests to a host holds at the server too: a request goes out some time after its
 * turn, and a first one (a new connection, a TLS handshake, a cold JVM) tens of milliseconds after.
 */
public final class SendListener extends EventListener {
    private final Consumer<String> sentToHost;

    /** @param sentToHost told the host key of each request as it goes out */
    public SendListener(Consumer<String> sentToHost) {
        this.sentToHost = sentToHost;
    }

    @Override
    public void requestHeadersStart(Call call) {
        sentToHost.accept(HostKey.of(call.request().url().toString()));
    }
}
