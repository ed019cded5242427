package dev.trawl.url;

import okhttp3.HttpUrl;

/** URLs as they may appear in logs and messages: credentials ({@code user:pass@}) replaced. */
public final class Redactor {
    private Redactor() {
    }

    public static String redact(HttpUrl url) {
        if (url.encodedUsername().isEmpty() && url.encodedPassword().isEmpty()) {
            return url.toString();
        }
        return url.newBuilder().username("***").password("").build().toString();
    }

    /** For text that may or may not parse as a URL: hides anything between "://" and an '@' in the authority. */
    public static String redact(String text) {
        HttpUrl parsed = HttpUrl.parse(text.strip());
        if (parsed != null) {
            return redact(parsed);
        }
        return text.replaceAll("(://)[^/@\\s]*@", "$1***@");
    }
}
