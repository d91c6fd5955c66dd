package dev.querent.connectors.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBConnection;

/** {@code finance}: 1,200 customers, ~2,000 accounts, 8,000 transactions, loans and credit cards. */
final class FinanceData {
    private static final int CUSTOMERS = 1_200;
    private static final int TRANSACTIONS = 8_000;
    private static final int LOANS = 700;

    private static final List<String> ACCOUNT_TYPES = List.of("checking", "savings", "business", "money_market");
    private static final List<String> TRANSACTION_TYPES =
            List.of("deposit", "withdrawal", "payment", "transfer", "fee", "interest");
    private static final List<String> CHANNELS = List.of("online", "mobile", "branch", "atm");

    private record Merchant(String name, String category, double min, double max) {}

    private static final List<Merchant> MERCHANTS = List.of(
            new Merchant("Green Grocer", "groceries", 8, 220),
            new Merchant("FreshMart", "groceries", 5, 180),
            new Merchant("City Transit", "transport", 2, 60),
            new Merchant("RideNow", "transport", 6, 75),
            new Merchant("Bright Energy", "utilities", 40, 260),
            new Merchant("AquaWorks Water", "utilities", 20, 90),
            new Merchant("Metro Pharmacy", "health", 5, 150),
            new Merchant("Cafe Aroma", "dining", 3, 40),
            new Merchant("Trattoria Roma", "dining", 25, 180),
            new Merchant("Skyline Airlines", "travel", 90, 1_400),
            new Merchant("Harbor Hotels", "travel", 110, 900),
            new Merchant("Cinema Plaza", "entertainment", 10, 60),
            new Merchant("StreamFlix", "entertainment", 9, 20),
            new Merchant("Tech Depot", "electronics", 20, 1_800),
            new Merchant("Home Supply Co", "home", 10, 600),
            new Merchant("Fuel Stop", "fuel", 25, 110));

    private record LoanType(String name, double min, double max, double minRate, double maxRate, List<Integer> terms) {}

    private static final List<LoanType> LOAN_TYPES = List.of(
            new LoanType("mortgage", 120_000, 850_000, 3.0, 7.5, List.of(180, 240, 360)),
            new LoanType("auto", 8_000, 60_000, 3.5, 9.0, List.of(36, 48, 60, 72)),
            new LoanType("personal", 2_000, 40_000, 7.0, 18.0, List.of(12, 24, 36, 60)),
            new LoanType("student", 5_000, 90_000, 4.0, 8.0, List.of(120)),
            new LoanType("business", 20_000, 500_000, 5.0, 12.0, List.of(36, 60, 84)));

    private record Account(int id, String type, LocalDate opened, String status) {}

    private FinanceData() {}

    static void write(DuckDBConnection c, DemoRandom r) throws SQLException {
        LocalDate[] since = new LocalDate[CUSTOMERS + 1];
        String[] currency = new String[CUSTOMERS + 1];
        try (TableWriter t = new TableWriter(c, "finance", "customers")) {
            for (int id = 1; id <= CUSTOMERS; id++) {
                String[] name = Names.person(r);
                Names.Place place = r.pick(Names.WORLD_CITIES, Names.WORLD_CITY_WEIGHTS);
                since[id] = r.chance(0.55)
                        ? r.date(LocalDate.of(2012, 1, 1), LocalDate.of(2021, 12, 31))
                        : r.growingDate(DemoRandom.FIRST_DAY);
                currency[id] = place.currency();
                int score = (int) StrictMath.max(300, StrictMath.min(850, StrictMath.round(r.gaussian(690, 70))));
                t.row(
                        id,
                        name[0],
                        name[1],
                        Names.email(name[0], name[1], id, "mail.example"),
                        r.date(LocalDate.of(1950, 1, 1), LocalDate.of(2004, 12, 31)),
                        place.city(),
                        place.country(),
                        score,
                        r.money(18_000, 240_000)
                                .setScale(-2, RoundingMode.HALF_UP)
                                .setScale(2),
                        since[id]);
            }
        }

        List<Account> accounts = new ArrayList<>();
        try (TableWriter t = new TableWriter(c, "finance", "accounts")) {
            for (int customer = 1; customer <= CUSTOMERS; customer++) {
                int count = r.pick(List.of(1, 2, 3), new double[] {45, 40, 15});
                for (int k = 0; k < count; k++) {
                    String type = k == 0 ? "checking" : r.pick(ACCOUNT_TYPES, new double[] {10, 60, 15, 15});
                    LocalDate opened = k == 0 ? since[customer] : r.date(since[customer], DemoRandom.LAST_DAY);
                    String status = r.pick(List.of("active", "dormant", "closed"), new double[] {88, 7, 5});
                    BigDecimal balance = status.equals("closed")
                            ? BigDecimal.ZERO.setScale(2)
                            : switch (type) {
                                case "checking" -> r.money(50, 15_000);
                                case "savings" -> r.money(500, 80_000);
                                case "business" -> r.money(2_000, 250_000);
                                default -> r.money(5_000, 150_000);
                            };
                    int id = accounts.size() + 1;
                    t.row(id, customer, type, currency[customer], balance, opened, status);
                    accounts.add(new Account(id, type, opened, status));
                }
            }
        }
        double[] activity = accounts.stream()
                .mapToDouble(a -> switch (a.status()) {
                    case "active" -> a.type().equals("checking") ? 4 : 1.5;
                    case "dormant" -> 0.1;
                    default -> 0.4;
                })
                .toArray();

        try (TableWriter t = new TableWriter(c, "finance", "transactions")) {
            for (int id = 1; id <= TRANSACTIONS; id++) {
                Account a = r.pick(accounts, activity);
                boolean interestBearing = a.type().equals("savings") || a.type().equals("money_market");
                String type = r.pick(TRANSACTION_TYPES, new double[] {22, 18, 36, 14, 5, interestBearing ? 12 : 0});
                Merchant merchant = type.equals("payment") ? r.pick(MERCHANTS) : null;
                BigDecimal amount =
                        switch (type) {
                            case "deposit" -> r.money(100, 6_000);
                            case "withdrawal" ->
                                r.money(20, 800)
                                        .setScale(-1, RoundingMode.HALF_UP)
                                        .setScale(2);
                            case "payment" -> r.money(merchant.min(), merchant.max());
                            case "transfer" -> r.money(50, 5_000);
                            case "fee" ->
                                r.pick(List.of(
                                        new BigDecimal("2.50"),
                                        new BigDecimal("5.00"),
                                        new BigDecimal("12.00"),
                                        new BigDecimal("35.00")));
                            default -> r.money(0.5, 180);
                        };
                String channel =
                        switch (type) {
                            case "withdrawal" -> r.pick(CHANNELS, new double[] {0, 0, 30, 70});
                            case "fee", "interest" -> "online";
                            default -> r.pick(CHANNELS, new double[] {40, 45, 15, 0});
                        };
                t.row(
                        id,
                        a.id(),
                        r.at(
                                r.growingDate(a.opened()),
                                type.equals("interest") ? 0 : 6,
                                type.equals("interest") ? 1 : 23),
                        type,
                        amount,
                        merchant == null ? null : merchant.name(),
                        merchant == null ? null : merchant.category(),
                        channel,
                        r.pick(List.of("completed", "pending", "failed"), new double[] {96, 2.5, 1.5}));
            }
        }

        try (TableWriter t = new TableWriter(c, "finance", "loans")) {
            for (int id = 1; id <= LOANS; id++) {
                LoanType type = r.pick(LOAN_TYPES, new double[] {20, 30, 28, 10, 12});
                BigDecimal principal = r.money(type.min(), type.max())
                        .setScale(-2, RoundingMode.HALF_UP)
                        .setScale(2);
                BigDecimal rate = BigDecimal.valueOf(
                        StrictMath.round((type.minRate() + r.unit() * (type.maxRate() - type.minRate())) * 100), 2);
                int term = r.pick(type.terms());
                LocalDate start = r.date(DemoRandom.FIRST_DAY, DemoRandom.LAST_DAY.minusDays(10));
                boolean ended = start.plusMonths(term).isBefore(DemoRandom.LAST_DAY);
                String status = ended
                        ? r.pick(List.of("paid_off", "defaulted"), new double[] {93, 7})
                        : r.pick(List.of("active", "late", "defaulted", "paid_off"), new double[] {82, 9, 4, 5});
                t.row(
                        id,
                        r.between(1, CUSTOMERS),
                        type.name(),
                        principal,
                        rate,
                        term,
                        monthlyPayment(principal, rate, term),
                        start,
                        status);
            }
        }

        try (TableWriter t = new TableWriter(c, "finance", "credit_cards")) {
            int id = 0;
            for (int customer = 1; customer <= CUSTOMERS; customer++) {
                int cards = r.pick(List.of(0, 1, 2), new double[] {30, 55, 15});
                for (int k = 0; k < cards; k++) {
                    String tier =
                            r.pick(List.of("Classic", "Gold", "Platinum", "Business"), new double[] {45, 30, 15, 10});
                    BigDecimal limit =
                            switch (tier) {
                                case "Classic" -> r.money(500, 5_000);
                                case "Gold" -> r.money(5_000, 15_000);
                                case "Platinum" -> r.money(15_000, 40_000);
                                default -> r.money(10_000, 60_000);
                            };
                    limit = limit.setScale(-2, RoundingMode.HALF_UP).setScale(2);
                    LocalDate issued = r.date(LocalDate.of(2019, 1, 1), DemoRandom.LAST_DAY.minusDays(5));
                    LocalDate expiry = issued.plusYears(r.between(3, 5))
                            .withDayOfMonth(1)
                            .plusMonths(1)
                            .minusDays(1);
                    String status = expiry.isBefore(DemoRandom.LAST_DAY)
                            ? "expired"
                            : r.pick(List.of("active", "blocked"), new double[] {95, 5});
                    BigDecimal balance = status.equals("expired")
                            ? BigDecimal.ZERO.setScale(2)
                            : limit.multiply(BigDecimal.valueOf(r.between(0, 85)))
                                    .movePointLeft(2)
                                    .setScale(2, RoundingMode.HALF_UP);
                    t.row(
                            ++id,
                            customer,
                            r.pick(
                                    List.of("Visa", "Mastercard", "American Express", "Discover"),
                                    new double[] {45, 35, 14, 6}),
                            tier,
                            String.format(Locale.ROOT, "%04d", r.between(0, 9999)),
                            limit,
                            balance,
                            r.money(14.99, 29.99),
                            issued,
                            expiry,
                            status);
                }
            }
        }
    }

    /** The annuity formula: principal * i / (1 - (1 + i)^-n), i the monthly rate. */
    private static BigDecimal monthlyPayment(BigDecimal principal, BigDecimal annualRatePercent, int months) {
        double i = annualRatePercent.doubleValue() / 100 / 12;
        double payment = principal.doubleValue() * i / (1 - StrictMath.pow(1 + i, -months));
        return BigDecimal.valueOf(StrictMath.round(payment * 100), 2);
    }
}
