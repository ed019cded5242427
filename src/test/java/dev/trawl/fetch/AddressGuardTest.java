package dev.trawl.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {
    private static final Map<String, String> ZONE = Map.of(
            "public.test", "93.184.216.34",
            "inward.test", "10.1.2.3",
            "rebind.test", "93.184.216.34,127.0.0.1",
            "seed.test", "192.168.1.10");
    private static final Dns FAKE_DNS = host -> {
        String addresses = ZONE.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> resolved = new java.util.ArrayList<>();
        for (String address : addresses.split(",")) {
            resolved.add(InetAddress.getByName(address));
        }
        return resolved;
    };

    private final AddressGuard guard = new AddressGuard(FAKE_DNS, "seed.test"::equals, false);

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true", "127.8.9.10, true", "::1, true", "10.0.0.1, true", "172.16.0.1, true",
        "172.31.255.255, true", "172.32.0.1, false", "192.168.0.1, true", "169.254.169.254, true",
        "fe80::1, true", "fd12:3456::1, true", "fc00::1, true", "100.64.0.1, true", "100.128.0.1, false",
        "0.0.0.0, true", "224.0.0.1, true", "8.8.8.8, false", "2001:4860:4860::8888, false",
        "::ffff:127.0.0.1, true"})
    void knowsWhichAddressesAreInward(String address, boolean inward) throws UnknownHostException {
        assertEquals(inward, AddressGuard.isPrivate(InetAddress.getByName(address)), address);
    }

    @Test
    void letsPublicNamesThrough() throws UnknownHostException {
        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), guard.lookup("public.test"));
    }

    @Test
    void refusesANamePointingInwards() {
        PrivateAddressException refused = assertThrows(PrivateAddressException.class, () -> guard.lookup("inward.test"));
        assertEquals("invalid_url", ErrorClassifier.classify(refused).type().wireName());
    }

    @Test
    void refusesANameWithAnyInwardAnswerAgainstRebinding() {
        assertThrows(PrivateAddressException.class, () -> guard.lookup("rebind.test"));
    }

    @Test
    void trustsTheSeedsOwnHostsEvenWhenPrivate() throws UnknownHostException {
        assertEquals(List.of(InetAddress.getByName("192.168.1.10")), guard.lookup("seed.test"));
    }

    @Test
    void allowPrivateLetsEverythingThrough() throws UnknownHostException {
        AddressGuard open = new AddressGuard(FAKE_DNS, host -> false, true);

        assertEquals(2, open.lookup("rebind.test").size());
    }
}
