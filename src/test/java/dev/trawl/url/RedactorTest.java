package dev.trawl.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://user:secret@example.com/p?q=1   | http://***@example.com/p?q=1
            https://user@example.com:8443/         | https://***@example.com:8443/
            http://:secret@example.com/            | http://***@example.com/
            http://us%40er:se%3Acret@[::1]:8080/x  | http://***@[::1]:8080/x
            http://example.com/a@b?c=d@e           | http://example.com/a@b?c=d@e
            http://example.com/                    | http://example.com/
            """)
    void credentialsInAUrlAreReplaced(String url, String redacted) {
        assertEquals(redacted, Redactor.redact(HttpUrl.get(url)));
        assertEquals(redacted, Redactor.redact(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ftp://user:secret@host.example/file                          | ftp://***@host.example/file
            connect to ftp://a:secret@h1/ and sftp://c@h2/x failed       | connect to ftp://***@h1/ and sftp://***@h2/x failed
            Error at http://u:secret@h.example/x page                    | Error at http://***@h.example/x page
            '  http://u:secret@h.example/ '                              | http://***@h.example/
            no credentials in http://example.com/a@b here                | no credentials in http://example.com/a@b here
            plain text                                                   | plain text
            """)
    void credentialsInTextAreReplaced(String text, String redacted) {
        assertEquals(redacted, Redactor.redact(text));
        assertFalse(Redactor.redact(text).contains("secret"));
    }

    @Test
    void passwordContainingAnAtSignIsHiddenWhole() {
        String redacted = Redactor.redact("http://user:p@ss@example.com/x");
        assertEquals("http://***@example.com/x", redacted);
    }
}
