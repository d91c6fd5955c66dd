package dev.querent.connectors.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBConnection;

/** {@code saas}: 5 plans, 450 organizations, ~4,400 users, ~1,600 subscriptions, 30 features. */
final class SaasData {
    /** {@code seatCap}: the most users the generator gives an organization whose latest plan this is. */
    private record Plan(
            int id,
            String name,
            BigDecimal monthly,
            BigDecimal annual,
            Integer maxUsers,
            int storageGb,
            String support,
            int seatCap) {}

    private static final List<Plan> PLANS = List.of(
            new Plan(1, "Free", money("0.00"), money("0.00"), 3, 2, "community", 3),
            new Plan(2, "Starter", money("29.00"), money("290.00"), 10, 50, "email", 8),
            new Plan(3, "Professional", money("99.00"), money("990.00"), 50, 250, "email", 20),
            new Plan(4, "Business", money("299.00"), money("2990.00"), 200, 1000, "priority", 35),
            new Plan(5, "Enterprise", money("999.00"), money("9990.00"), null, 5000, "dedicated", 50));

    private static final List<String> PREFIXES = List.of(
            "Blue Harbor",
            "Nimbus",
            "Quantum",
            "Redwood",
            "Silverline",
            "Brightpath",
            "Northstar",
            "Cedar",
            "Atlas",
            "Pinnacle",
            "Summit",
            "Horizon",
            "Evergreen",
            "Ironclad",
            "Lighthouse",
            "Maple",
            "Granite",
            "Crescent",
            "Falcon",
            "Orchid",
            "Vantage",
            "Keystone",
            "Bluebird",
            "Sterling",
            "Aurora",
            "Meridian",
            "Cobalt",
            "Willow",
            "Zenith",
            "Driftwood");

    private record Suffix(String word, String industry) {}

    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix("Labs", "Technology"),
            new Suffix("Analytics", "Technology"),
            new Suffix("Systems", "Technology"),
            new Suffix("Networks", "Technology"),
            new Suffix("Health", "Healthcare"),
            new Suffix("Logistics", "Logistics"),
            new Suffix("Media", "Media"),
            new Suffix("Studios", "Media"),
            new Suffix("Partners", "Professional Services"),
            new Suffix("Foods", "Retail"),
            new Suffix("Energy", "Energy"),
            new Suffix("Robotics", "Manufacturing"),
            new Suffix("Capital", "Finance"),
            new Suffix("Learning", "Education"),
            new Suffix("Works", "Manufacturing"));

    private record Feature(String name, String category, int minPlan, boolean beta) {}

    private static final List<Feature> FEATURES = List.of(
            new Feature("Two-Factor Authentication", "Security", 1, false),
            new Feature("Mobile App", "Collaboration", 1, false),
            new Feature("Comments and Mentions", "Collaboration", 1, false),
            new Feature("Templates Library", "Collaboration", 1, false),
            new Feature("Data Export", "Administration", 2, false),
            new Feature("Slack Integration", "Integrations", 2, false),
            new Feature("Version History", "Collaboration", 2, false),
            new Feature("Scheduled Reports", "Analytics", 2, false),
            new Feature("Bulk Import", "Administration", 2, false),
            new Feature("Offline Mode", "Collaboration", 2, true),
            new Feature("API Access", "Integrations", 3, false),
            new Feature("Webhooks", "Integrations", 3, false),
            new Feature("Custom Dashboards", "Analytics", 3, false),
            new Feature("Usage Alerts", "Administration", 3, false),
            new Feature("Salesforce Integration", "Integrations", 3, false),
            new Feature("AI Assistant", "Analytics", 3, true),
            new Feature("Role-Based Access Control", "Security", 4, false),
            new Feature("Audit Logs", "Security", 4, false),
            new Feature("SSO Login", "Security", 4, false),
            new Feature("Advanced Analytics", "Analytics", 4, false),
            new Feature("Custom Domains", "Administration", 4, false),
            new Feature("Sandbox Environments", "Administration", 4, false),
            new Feature("Priority Support", "Administration", 4, false),
            new Feature("Custom Roles", "Security", 4, true),
            new Feature("SCIM Provisioning", "Security", 5, false),
            new Feature("IP Allowlisting", "Security", 5, false),
            new Feature("Data Retention Controls", "Administration", 5, false),
            new Feature("White Labeling", "Administration", 5, false),
            new Feature("Embedded Analytics", "Analytics", 5, true),
            new Feature("Dedicated Infrastructure", "Administration", 5, false));

    private SaasData() {}

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }

    static void write(DuckDBConnection c, DemoRandom r) throws SQLException {
        try (TableWriter t = new TableWriter(c, "saas", "plans")) {
            for (Plan p : PLANS) {
                t.row(p.id(), p.name(), p.monthly(), p.annual(), p.maxUsers(), p.storageGb(), p.support());
            }
        }

        List<String[]> names = new ArrayList<>();
        for (String prefix : PREFIXES) {
            for (Suffix suffix : SUFFIXES) {
                names.add(new String[] {prefix + " " + suffix.word(), suffix.industry()});
            }
        }
        r.shuffle(names);
        int organizations = names.size();
        LocalDateTime[] created = new LocalDateTime[organizations + 1];
        String[] domain = new String[organizations + 1];
        int[] employees = new int[organizations + 1];
        try (TableWriter t = new TableWriter(c, "saas", "organizations")) {
            for (int id = 1; id <= organizations; id++) {
                String name = names.get(id - 1)[0];
                LocalDate day = r.growingDate(DemoRandom.FIRST_DAY);
                created[id] = r.at(day, 7, 22);
                domain[id] = name.toLowerCase(Locale.ROOT).replace(" ", "") + ".example";
                employees[id] = r.pick(
                        List.of(
                                r.between(2, 10),
                                r.between(11, 50),
                                r.between(51, 200),
                                r.between(201, 1000),
                                r.between(1001, 8000)),
                        new double[] {30, 32, 22, 11, 5});
                t.row(
                        id,
                        name,
                        domain[id],
                        names.get(id - 1)[1],
                        r.pick(Names.WORLD_CITIES, Names.WORLD_CITY_WEIGHTS).country(),
                        employees[id],
                        created[id]);
            }
        }

        int[] latestPlan = new int[organizations + 1];
        boolean[] churned = new boolean[organizations + 1];
        try (TableWriter t = new TableWriter(c, "saas", "subscriptions")) {
            int id = 0;
            for (int org = 1; org <= organizations; org++) {
                int plan = r.pick(List.of(1, 2, 3, 4, 5), new double[] {35, 30, 25, 8, 2});
                LocalDate start = created[org].toLocalDate();
                while (true) {
                    LocalDate end = start.plusMonths(r.between(2, 10)).minusDays(1);
                    Plan p = PLANS.get(plan - 1);
                    String cycle = plan == 1 ? "monthly" : r.pick(List.of("monthly", "annual"), new double[] {65, 35});
                    int discount = plan == 1 ? 0 : r.pick(List.of(0, 10, 20), new double[] {75, 15, 10});
                    BigDecimal base = cycle.equals("monthly")
                            ? p.monthly()
                            : p.annual().divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
                    BigDecimal mrr = base.multiply(BigDecimal.valueOf(100 - discount))
                            .movePointLeft(2)
                            .setScale(2, RoundingMode.HALF_UP);
                    String status;
                    LocalDate endDate;
                    boolean last;
                    if (!end.isBefore(DemoRandom.LAST_DAY)) {
                        boolean fresh = ChronoUnit.DAYS.between(start, DemoRandom.LAST_DAY) < 14;
                        status = fresh && plan > 1
                                ? "trialing"
                                : r.pick(List.of("active", "past_due"), new double[] {93, 7});
                        endDate = null;
                        last = true;
                    } else if (r.chance(0.1)) {
                        status = "cancelled";
                        endDate = end;
                        last = true;
                        churned[org] = true;
                    } else {
                        status = "expired";
                        endDate = end;
                        last = false;
                    }
                    t.row(++id, org, plan, status, cycle, start, endDate, discount, mrr);
                    latestPlan[org] = plan;
                    if (last) {
                        break;
                    }
                    // Most plan changes are upgrades.
                    plan = r.chance(0.75) ? StrictMath.min(5, plan + 1) : StrictMath.max(1, plan - 1);
                    start = end.plusDays(1);
                }
            }
        }

        try (TableWriter t = new TableWriter(c, "saas", "users")) {
            int id = 0;
            for (int org = 1; org <= organizations; org++) {
                int seats = (int) StrictMath.max(
                        1,
                        StrictMath.min(
                                PLANS.get(latestPlan[org] - 1).seatCap(),
                                StrictMath.round(employees[org] * (0.1 + r.unit() * 0.3))));
                for (int k = 0; k < seats; k++) {
                    String[] name = Names.person(r);
                    id++;
                    LocalDateTime joined = k == 0
                            ? created[org]
                            : r.at(r.date(created[org].toLocalDate(), DemoRandom.LAST_DAY), 7, 22);
                    LocalDateTime lastLogin = r.chance(0.08) ? null : r.at(r.growingDate(joined.toLocalDate()), 6, 23);
                    if (lastLogin != null && lastLogin.isBefore(joined)) {
                        lastLogin = joined.plusMinutes(r.between(5, 600));
                    }
                    t.row(
                            id,
                            org,
                            Names.email(name[0], name[1], id, domain[org]),
                            name[0] + " " + name[1],
                            k == 0 ? "owner" : r.pick(List.of("admin", "member", "viewer"), new double[] {10, 65, 25}),
                            joined,
                            lastLogin,
                            !churned[org] && !r.chance(0.08));
                }
            }
        }

        try (TableWriter t = new TableWriter(c, "saas", "features")) {
            for (int i = 0; i < FEATURES.size(); i++) {
                Feature f = FEATURES.get(i);
                LocalDate released = f.beta()
                        ? r.date(LocalDate.of(2024, 9, 1), LocalDate.of(2025, 6, 15))
                        : r.date(LocalDate.of(2019, 1, 1), LocalDate.of(2024, 12, 31));
                t.row(i + 1, f.name(), f.category(), f.minPlan(), released, f.beta());
            }
        }
    }
}
