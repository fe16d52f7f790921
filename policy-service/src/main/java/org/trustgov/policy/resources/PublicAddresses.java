package org.trustgov.policy.resources;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Which addresses the link check may connect to: global unicast only. Refused: IPv4 "this network", private
 * (10/8, 172.16/12, 192.168/16), shared (100.64/10), loopback, link-local (169.254/16, cloud metadata among them),
 * IETF protocol, documentation, benchmarking (198.18/15), 6to4 relay, multicast and reserved ranges; IPv6 anything
 * outside 2000::/3, and inside it Teredo and other IETF assignments (2001::/23), documentation (2001:db8::/32,
 * 3fff::/20) and 6to4 (2002::/16), with NAT64 (64:ff9b::/96, 64:ff9b:1::/48), unique-local (fc00::/7), link- and
 * site-local, loopback and IPv4-mapped addresses outside 2000::/3 anyway. As the link check's DNS resolver
 * ({@link #resolver}), it checks the very addresses the connection is then made to: a name that resolves to
 * something else the second time (DNS rebinding) is resolved, and checked, once per connection.
 */
final class PublicAddresses {

    private PublicAddresses() {}

    /** Thrown for a name that resolves to an address the check may not reach. */
    static final class NotPublicException extends UnknownHostException {
        NotPublicException(String host) {
            super(host + " resolves to an address that is not on the public internet");
        }
    }

    static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            int a2 = b[2] & 0xff;
            return !(a0 == 0
                    || a0 == 10
                    || a0 == 127
                    || a0 >= 224
                    || (a0 == 100 && a1 >= 64 && a1 <= 127)
                    || (a0 == 169 && a1 == 254)
                    || (a0 == 172 && a1 >= 16 && a1 <= 31)
                    || (a0 == 192 && a1 == 168)
                    || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                    || (a0 == 192 && a1 == 88 && a2 == 99)
                    || (a0 == 198 && (a1 == 18 || a1 == 19))
                    || (a0 == 198 && a1 == 51 && a2 == 100)
                    || (a0 == 203 && a1 == 0 && a2 == 113));
        }
        if (address instanceof Inet6Address) {
            int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
            if ((first & 0xe000) != 0x2000) {
                return false; // not global unicast: ::, ::1, mapped, NAT64, discard, ULA, link/site-local, multicast
            }
            return !((first == 0x2001 && (b[2] & 0xfe) == 0x00) // 2001::/23: Teredo, benchmarking, ORCHID...
                    || (first == 0x2001 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) // 2001:db8::/32
                    || first == 0x2002 // 6to4
                    || (first == 0x3fff && (b[2] & 0xf0) == 0x00)); // 3fff::/20 documentation
        }
        return false;
    }

    /** A resolver that answers only with addresses {@code allowed} accepts, and refuses a name with any other. */
    static DnsResolver resolver(Predicate<InetAddress> allowed) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                for (InetAddress address : addresses) {
                    if (!allowed.test(address)) {
                        throw new NotPublicException(host);
                    }
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
    }
}
