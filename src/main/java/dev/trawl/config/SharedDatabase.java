package dev.trawl.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL database given as {@code --state postgresql://host[:port]/db[?user=...]}: the shared
 * state of a crawl run by many trawl processes. The password never comes from the URL, which shows in
 * {@code ps}, shell histories and crontabs: it comes from {@code PGPASSWORD} or {@code ~/.pgpass}.
 *
 * @param jdbcUrl the driver's URL, without a password
 * @param shown   host, port and database, for messages (never the user's secrets)
 */
public record SharedDatabase(String jdbcUrl, String shown) {
    private static final int DEFAULT_PORT = 5432;

    /** Whether the text names a database rather than a file. */
    public static boolean isUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    /** The database the URL names; an {@link IllegalArgumentException} says what is wrong with it. */
    public static SharedDatabase parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("a PostgreSQL URL names a host: postgresql://HOST[:PORT]/DATABASE");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("a PostgreSQL URL names one database: postgresql://HOST[:PORT]/DATABASE");
        }
        List<String> parameters = new ArrayList<>();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            if (userInfo.contains(":")) {
                throw new IllegalArgumentException(passwordRefused());
            }
            parameters.add("user=" + userInfo);
        }
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                if (parameter.toLowerCase(Locale.ROOT).startsWith("password=")) {
                    throw new IllegalArgumentException(passwordRefused());
                }
                if (!parameter.isEmpty()) {
                    parameters.add(parameter);
                }
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String authority = uri.getHost() + ":" + port;
        String jdbc = "jdbc:postgresql://" + authority + path + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
        return new SharedDatabase(jdbc, authority + path);
    }

    private static String passwordRefused() {
        return "no password in the URL (it would show in ps and logs): set PGPASSWORD or use ~/.pgpass";
    }
}
