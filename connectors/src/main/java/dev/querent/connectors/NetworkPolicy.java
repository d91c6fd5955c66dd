package dev.querent.connectors;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which network targets data sources may connect to: an optional allow list and a deny list of
 * CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}), single addresses, host names or host
 * patterns with a leading wildcard ({@code *.corp.example}).
 *
 * <p>A host is refused when its name matches a deny pattern or any address it resolves to lies in
 * a denied block; with a non-empty allow list it must also match an allowed name pattern or have
 * every address inside allowed blocks. The check resolves the name when the data source is opened;
 * a name that resolves differently later (DNS rebinding) is not caught.
 */
public final class NetworkPolicy {
    private static final NetworkPolicy OPEN = new NetworkPolicy(List.of(), List.of());

    private final List<Rule> allow;
    private final List<Rule> deny;

    private NetworkPolicy(List<Rule> allow, List<Rule> deny) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
    }

    /** Every host allowed. */
    public static NetworkPolicy open() {
        return OPEN;
    }

    /**
     * @param allow entries (blank ones ignored); empty means every host not denied
     * @param deny entries (blank ones ignored)
     * @throws IllegalArgumentException for an entry that is neither a CIDR block, an address nor a
     *     host pattern
     */
    public static NetworkPolicy of(List<String> allow, List<String> deny) {
        return new NetworkPolicy(rules(allow), rules(deny));
    }

    /** {@link #of} over comma-separated lists, as configured in environment variables. */
    public static NetworkPolicy parse(String allow, String deny) {
        return of(split(allow), split(deny));
    }

    public boolean isOpen() {
        return allow.isEmpty() && deny.isEmpty();
    }

    /** Whether connecting to {@code host} is allowed; resolves the name when address rules exist. */
    public boolean permits(String host) {
        if (isOpen()) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        List<InetAddress> addresses = resolve(name);
        for (Rule r : deny) {
            if (r.matchesName(name) || addresses.stream().anyMatch(r::matchesAddress)) {
                return false;
            }
        }
        if (allow.isEmpty()) {
            return true;
        }
        String finalName = name;
        if (allow.stream().anyMatch(r -> r.matchesName(finalName))) {
            return true;
        }
        return !addresses.isEmpty()
                && addresses.stream().allMatch(a -> allow.stream().anyMatch(r -> r.matchesAddress(a)));
    }

    private static List<InetAddress> resolve(String name) {
        try {
            return Arrays.asList(InetAddress.getAllByName(name));
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.asList(value.split(","));
    }

    private static List<Rule> rules(List<String> entries) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : entries) {
            if (entry != null && !entry.isBlank()) {
                rules.add(Rule.parse(entry.strip().toLowerCase(Locale.ROOT)));
            }
        }
        return rules;
    }

    @Override
    public String toString() {
        return "NetworkPolicy[allow=" + allow + ", deny=" + deny + "]";
    }

    /** A host name pattern or an address block. */
    private record Rule(String text, String namePattern, byte[] network, int prefix) {
        static Rule parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (isAddressLiteral(address)) {
                byte[] bytes = literal(address);
                int bits = bytes.length * 8;
                int prefix = bits;
                if (slash >= 0) {
                    try {
                        prefix = Integer.parseInt(entry.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad network prefix in '" + entry + "'");
                    }
                    if (prefix < 0 || prefix > bits) {
                        throw new IllegalArgumentException("bad network prefix in '" + entry + "'");
                    }
                }
                return new Rule(entry, null, bytes, prefix);
            }
            if (slash >= 0 || !entry.matches("(\\*\\.)?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?")) {
                throw new IllegalArgumentException(
                        "'" + entry + "' is neither an address, a CIDR block nor a host name pattern");
            }
            return new Rule(entry, entry, null, 0);
        }

        boolean matchesName(String host) {
            if (namePattern == null) {
                return false;
            }
            return namePattern.startsWith("*.") ? host.endsWith(namePattern.substring(1)) : host.equals(namePattern);
        }

        boolean matchesAddress(InetAddress address) {
            if (network == null) {
                return false;
            }
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = prefix == 0
                    ? BigInteger.ZERO
                    : BigInteger.ONE
                            .shiftLeft(bits)
                            .subtract(BigInteger.ONE)
                            .shiftRight(bits - prefix)
                            .shiftLeft(bits - prefix);
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        private static boolean isAddressLiteral(String s) {
            return s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-f:.]+"));
        }

        private static byte[] literal(String s) {
            try {
                // A literal: no name lookup happens.
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address");
            }
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rule r && r.text.equals(text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text);
        }
    }
}
