package dev.trawl.fetch;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** A fake site for MockWebServer, scripted per path (query included); unknown paths are 404. Records what was asked. */
final class PathDispatcher extends Dispatcher {
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    PathDispatcher route(String path, Function<RecordedRequest, MockResponse> response) {
        routes.put(path, response);
        return this;
    }

    PathDispatcher fixed(String path, MockResponse response) {
        return route(path, request -> response);
    }

    /** Answers the responses in turn, then repeats the last one. */
    PathDispatcher sequence(String path, MockResponse... responses) {
        ArrayDeque<MockResponse> queue = new ArrayDeque<>(Arrays.asList(responses));
        return route(path, request -> {
            synchronized (queue) {
                return queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
            }
        });
    }

    PathDispatcher redirect(String path, int status, String location) {
        return fixed(path, new MockResponse.Builder().code(status).addHeader("Location", location).build());
    }

    /** Paths requested, in order. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath()
                + (request.getUrl().encodedQuery() == null ? "" : "?" + request.getUrl().encodedQuery());
        requested.add(path);
        Function<RecordedRequest, MockResponse> route = routes.get(path);
        return route == null ? new MockResponse.Builder().code(404).body("not found").build() : route.apply(request);
    }
}
