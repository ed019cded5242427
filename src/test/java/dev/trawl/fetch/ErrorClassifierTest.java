package dev.trawl.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.page.ErrorType;
import dev.trawl.page.PageError;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import java.security.cert.CertificateException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new UnknownHostException("nowhere.invalid"), ErrorType.DNS),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), ErrorType.TLS),
                Arguments.of(new SSLPeerUnverifiedException("Hostname not verified"), ErrorType.TLS),
                Arguments.of(new CertificateException("expired"), ErrorType.TLS),
                Arguments.of(new ConnectException("Connection refused"), ErrorType.CONNECT),
                Arguments.of(new NoRouteToHostException("No route to host"), ErrorType.CONNECT),
                Arguments.of(new PortUnreachableException("unreachable"), ErrorType.CONNECT),
                Arguments.of(new UnknownServiceException("CLEARTEXT communication not permitted"), ErrorType.CONNECT),
                Arguments.of(new SocketTimeoutException("Read timed out"), ErrorType.TIMEOUT),
                Arguments.of(new InterruptedIOException("timeout"), ErrorType.TIMEOUT),
                Arguments.of(new IOException("unexpected end of stream"), ErrorType.IO),
                Arguments.of(new EOFException("\\n not found"), ErrorType.IO),
                Arguments.of(new SocketException("Connection reset"), ErrorType.IO),
                Arguments.of(new ProtocolException("Unexpected status line"), ErrorType.IO),
                Arguments.of(new IllegalStateException("bad chunk"), ErrorType.IO));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void classifiesByExceptionType(Throwable failure, ErrorType expected) {
        assertEquals(expected, ErrorClassifier.classify(failure).type());
    }

    @ParameterizedTest(name = "wrapped {0} -> {1}")
    @MethodSource("failures")
    void findsTheTypeInTheCauseChain(Throwable failure, ErrorType expected) {
        Throwable wrapped = new RuntimeException("outer", new IOException("middle", failure));
        assertEquals(expected, ErrorClassifier.classify(wrapped).type());
    }

    @Test
    void outermostTypedCauseWins() {
        Throwable timeoutAroundConnect = new InterruptedIOException("timeout");
        timeoutAroundConnect.initCause(new ConnectException("refused"));
        assertEquals(ErrorType.TIMEOUT, ErrorClassifier.classify(timeoutAroundConnect).type());
    }

    @Test
    void messageIsTheOutermostExceptionsNameAndMessage() {
        assertEquals(PageError.of(ErrorType.DNS, "UnknownHostException: nowhere.invalid"),
                ErrorClassifier.classify(new UnknownHostException("nowhere.invalid")));
        assertEquals(PageError.of(ErrorType.DNS, "IOException: lookup failed"),
                ErrorClassifier.classify(new IOException("lookup failed", new UnknownHostException("x.invalid"))));
    }

    @Test
    void missingOrBlankMessageIsTheExceptionName() {
        assertEquals(PageError.of(ErrorType.IO, "IOException"), ErrorClassifier.classify(new IOException()));
        assertEquals(PageError.of(ErrorType.TIMEOUT, "SocketTimeoutException"),
                ErrorClassifier.classify(new SocketTimeoutException("  ")));
    }

    @Test
    void messageTextDoesNotDecideTheType() {
        assertEquals(ErrorType.IO, ErrorClassifier.classify(new IOException("connect timed out")).type());
        assertEquals(ErrorType.IO, ErrorClassifier.classify(new IOException("Unable to resolve host")).type());
        assertEquals(ErrorType.IO, ErrorClassifier.classify(new IOException("SSL handshake aborted")).type());
    }
}
