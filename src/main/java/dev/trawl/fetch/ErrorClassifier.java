package dev.trawl.fetch;

import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * The one place where a failed request becomes an error type: by exception type, walking the
 * cause chain, never by message text (messages change between JDK and OkHttp versions).
 */
public final class ErrorClassifier {
    private ErrorClassifier() {
    }

    public static PageError classify(Throwable failure) {
        return PageError.of(typeOf(failure), describe(failure));
    }

    static ErrorType typeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PrivateAddressException) {
                return ErrorType.INVALID_URL;
            }
            if (t instanceof UnknownHostException) {
                return ErrorType.DNS;
            }
            if (t instanceof SSLException || t instanceof CertificateException) {
                return ErrorType.TLS;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof PortUnreachableException) {
                return ErrorType.CONNECT;
            }
            // OkHttp's call timeout and socket timeouts are both InterruptedIOExceptions.
            if (t instanceof InterruptedIOException) {
                return ErrorType.TIMEOUT;
            }
            // OkHttp refuses cleartext or unsupported protocols with this type.
            if (t instanceof UnknownServiceException) {
                return ErrorType.CONNECT;
            }
        }
        return ErrorType.IO;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof PrivateAddressException refused) {
            return refused.getMessage(); // our own words, already a sentence
        }
        String message = failure.getMessage();
        String name = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
