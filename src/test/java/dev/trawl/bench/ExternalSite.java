package dev.trawl.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * A site_server.go already running on 127.0.0.1:PORT (admin port PORT+1), started with the same
 * -n, -k and -seed as the benchmark so the checks and the ideal are about the same graph.
 * Counters come from its admin /reset and /dump; its clock is Unix nanoseconds.
 */
final class ExternalSite implements Site {
    private final int port;
    private final int pages;
    private final HttpClient admin = HttpClient.newHttpClient();

    ExternalSite(int port, int pages) {
        this.port = port;
        this.pages = pages;
    }

    @Override
    public String startUrl() {
        return "http://127.0.0.1:" + port + "/p/0.html";
    }

    @Override
    public String describe() {
        return "external site_server, " + startUrl() + " (admin :" + (port + 1) + ")";
    }

    @Override
    public void reset() throws IOException, InterruptedException {
        adminGet("/reset");
    }

    @Override
    public long clockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Parses /dump: "# first_ns=F last_ns=L total=T", then "count\tstatus\tmethod\turi" lines. */
    @Override
    public Counts counts() throws IOException, InterruptedException {
        int[] gets = new int[pages];
        int robots = 0;
        int other = 0;
        long first = 0;
        long last = 0;
        for (String line : adminGet("/dump").split("\n")) {
            if (line.startsWith("#")) {
                for (String field : line.substring(1).trim().split(" ")) {
                    if (field.startsWith("first_ns=")) {
                        first = Long.parseLong(field.substring(9));
                    } else if (field.startsWith("last_ns=")) {
                        last = Long.parseLong(field.substring(8));
                    }
                }
                continue;
            }
            String[] f = line.split("\t", 4);
            if (f.length < 4) {
                continue;
            }
            int count = Integer.parseInt(f[0]);
            String path = f[3].contains("?") ? f[3].substring(0, f[3].indexOf('?')) : f[3];
            int id = pageId(path);
            if (path.equals("/robots.txt")) {
                robots += count;
            } else if (id >= 0 && f[1].equals("200") && f[2].equals("GET")) {
                gets[id] += count;
            } else {
                other += count;
            }
        }
        String[] paths = new String[pages];
        for (int i = 0; i < pages; i++) {
            paths[i] = "/p/" + i + ".html";
        }
        return new Counts(paths, gets, 0, robots, other, first, last);
    }

    @Override
    public long cpuNanos() {
        return -1;
    }

    @Override
    public void close() {
        admin.close();
    }

    private int pageId(String path) {
        if (!path.startsWith("/p/") || !path.endsWith(".html")) {
            return -1;
        }
        String digits = path.substring(3, path.length() - 5);
        try {
            int id = Integer.parseInt(digits);
            return id >= 0 && id < pages && Integer.toString(id).equals(digits) ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String adminGet(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1) + path)).build();
        HttpResponse<String> response = admin.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("site_server admin " + path + ": HTTP " + response.statusCode());
        }
        return response.body();
    }
}
