package dev.querent.connectors.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBConnection;

/** {@code retail}: 24 stores, ~430 employees, ~240 products, ~4,300 inventory rows, 8,000 sales. */
final class RetailData {
    private static final int SALES = 8_000;
    private static final int MAX_PRODUCTS = 300;

    private record Category(String name, double min, double max, List<String> nouns, List<String> brands) {}

    private static final List<Category> CATEGORIES = List.of(
            new Category(
                    "Groceries",
                    1.5,
                    25,
                    List.of(
                            "Coffee Beans",
                            "Pasta",
                            "Olive Oil",
                            "Granola",
                            "Tea",
                            "Rice",
                            "Peanut Butter",
                            "Sparkling Water"),
                    List.of("Farmhouse", "Golden Fields", "Daily Harvest")),
            new Category(
                    "Household",
                    2,
                    40,
                    List.of("Laundry Detergent", "Paper Towels", "Dish Soap", "Trash Bags", "Light Bulbs", "Batteries"),
                    List.of("CleanCo", "HomeBright", "Everyday")),
            new Category(
                    "Electronics",
                    15,
                    650,
                    List.of(
                            "Headphones",
                            "Tablet",
                            "Smart Speaker",
                            "Phone Charger",
                            "Streaming Stick",
                            "Action Camera"),
                    List.of("Voltra", "Nexon", "Pulse")),
            new Category(
                    "Apparel",
                    8,
                    140,
                    List.of("Jeans", "Hoodie", "T-Shirt", "Socks", "Jacket", "Dress"),
                    List.of("Urban Thread", "Northline", "Basics Co")),
            new Category(
                    "Toys",
                    5,
                    90,
                    List.of("Puzzle", "Action Figure", "Board Game", "Building Set", "Plush Toy"),
                    List.of("PlayWorks", "Tiny Giants")),
            new Category(
                    "Beauty",
                    4,
                    70,
                    List.of("Shampoo", "Body Lotion", "Lip Balm", "Face Wash", "Perfume"),
                    List.of("Glow", "Pure Botanics")),
            new Category(
                    "Sports",
                    6,
                    300,
                    List.of(
                            "Yoga Mat",
                            "Basketball",
                            "Running Shorts",
                            "Water Bottle",
                            "Resistance Bands",
                            "Bike Lock"),
                    List.of("Stride", "Peak Gear")),
            new Category(
                    "Home & Garden",
                    5,
                    260,
                    List.of("Plant Pot", "Garden Hose", "Throw Pillow", "Candle", "Picture Frame", "Patio Chair"),
                    List.of("Greenleaf", "Hearth & Home")));

    private static final double[] CATEGORY_SALES_WEIGHTS = {30, 18, 8, 12, 7, 9, 7, 9};
    private static final List<String> STORE_TYPES = List.of("flagship", "mall", "outlet", "neighborhood");

    private record Product(int id, int category, BigDecimal price) {}

    private RetailData() {}

    static void write(DuckDBConnection c, DemoRandom r) throws SQLException {
        int storeCount = Names.US_CITIES.size();
        LocalDate[] opened = new LocalDate[storeCount + 1];
        double[] storeWeight = new double[storeCount];
        try (TableWriter t = new TableWriter(c, "retail", "stores")) {
            for (int id = 1; id <= storeCount; id++) {
                Names.UsCity city = Names.US_CITIES.get(id - 1);
                String type = id <= 3 ? "flagship" : r.pick(STORE_TYPES, new double[] {0, 35, 20, 45});
                int size =
                        switch (type) {
                            case "flagship" -> r.between(40, 60) * 1000;
                            case "mall" -> r.between(15, 30) * 1000;
                            case "outlet" -> r.between(20, 35) * 1000;
                            default -> r.between(6, 14) * 1000;
                        };
                // Two stores opened during the sales history, so "new store" questions have answers.
                opened[id] = id == storeCount - 1
                        ? LocalDate.of(2023, 4, 15)
                        : id == storeCount
                                ? LocalDate.of(2024, 9, 1)
                                : r.date(LocalDate.of(2008, 1, 1), LocalDate.of(2021, 6, 30));
                storeWeight[id - 1] = size;
                t.row(
                        id,
                        city.city() + " "
                                + switch (type) {
                                    case "flagship" -> "Flagship";
                                    case "mall" -> "Mall";
                                    case "outlet" -> "Outlet";
                                    default -> "Neighborhood";
                                },
                        city.city(),
                        city.state(),
                        city.region(),
                        type,
                        size,
                        opened[id]);
            }
        }

        record Employee(int id, int store, String role, LocalDate hired) {}
        List<List<Employee>> staff = new ArrayList<>();
        try (TableWriter t = new TableWriter(c, "retail", "employees")) {
            int id = 0;
            for (int store = 1; store <= storeCount; store++) {
                List<Employee> team = new ArrayList<>();
                int size = (int) (storeWeight[store - 1] / 1000 * 0.35) + r.between(8, 12);
                for (int k = 0; k < size; k++) {
                    String role = k == 0
                            ? "Store Manager"
                            : k <= 2
                                    ? "Assistant Manager"
                                    : r.pick(
                                            List.of("Sales Associate", "Cashier", "Stock Associate"),
                                            new double[] {55, 30, 15});
                    LocalDate hired = k == 0 ? opened[store] : r.date(opened[store], LocalDate.of(2025, 5, 31));
                    BigDecimal wage =
                            switch (role) {
                                case "Store Manager" -> r.money(32, 45);
                                case "Assistant Manager" -> r.money(23, 30);
                                case "Stock Associate" -> r.money(15, 19);
                                default -> r.money(15.5, 21);
                            };
                    String[] name = Names.person(r);
                    Employee e = new Employee(++id, store, role, hired);
                    team.add(e);
                    t.row(e.id(), store, name[0], name[1], role, hired, wage, k == 0 || !r.chance(0.12));
                }
                staff.add(team);
            }
        }

        List<Product> products = new ArrayList<>();
        try (TableWriter t = new TableWriter(c, "retail", "products")) {
            for (int ci = 0; ci < CATEGORIES.size(); ci++) {
                Category category = CATEGORIES.get(ci);
                for (String noun : category.nouns()) {
                    for (String brand : category.brands()) {
                        int variants = r.between(1, 3);
                        for (int v = 0; v < variants && products.size() < MAX_PRODUCTS; v++) {
                            int id = products.size() + 1;
                            String size = List.of("", "Large ", "Value Pack ").get(v);
                            BigDecimal price = r.money(category.min(), category.max())
                                    .setScale(0, RoundingMode.DOWN)
                                    .add(new BigDecimal("0.99"));
                            BigDecimal cost = price.multiply(BigDecimal.valueOf(r.between(40, 70)))
                                    .movePointLeft(2)
                                    .setScale(2, RoundingMode.HALF_UP);
                            t.row(
                                    id,
                                    String.format(Locale.ROOT, "SKU-%05d", 10_000 + id),
                                    brand + " " + size + noun,
                                    category.name(),
                                    brand,
                                    price,
                                    cost);
                            products.add(new Product(id, ci, price));
                        }
                    }
                }
            }
        }

        List<List<Product>> stocked = new ArrayList<>();
        try (TableWriter t = new TableWriter(c, "retail", "inventory")) {
            for (int store = 1; store <= storeCount; store++) {
                List<Product> carried = new ArrayList<>();
                double share = storeWeight[store - 1] >= 20_000 ? 0.85 : 0.55;
                for (Product p : products) {
                    if (!r.chance(share)) {
                        continue;
                    }
                    carried.add(p);
                    int reorder = r.between(2, 10) * 5;
                    int onHand = r.chance(0.07) ? 0 : r.between(0, 40) * (storeWeight[store - 1] >= 20_000 ? 8 : 3);
                    t.row(store, p.id(), onHand, reorder, r.date(LocalDate.of(2025, 3, 1), DemoRandom.LAST_DAY));
                }
                stocked.add(carried);
            }
        }

        List<Integer> storeIds = new ArrayList<>();
        for (int store = 1; store <= storeCount; store++) {
            storeIds.add(store);
        }
        try (TableWriter t = new TableWriter(c, "retail", "sales")) {
            for (int id = 1; id <= SALES; id++) {
                int store = r.pick(storeIds, storeWeight);
                LocalDate day = r.growingDate(opened[store]);
                List<Product> carried = stocked.get(store - 1);
                int category = CATEGORIES.indexOf(r.pick(CATEGORIES, CATEGORY_SALES_WEIGHTS));
                List<Product> inCategory =
                        carried.stream().filter(p -> p.category() == category).toList();
                Product p = inCategory.isEmpty() ? r.pick(carried) : r.pick(inCategory);
                List<Employee> onShift = staff.get(store - 1).stream()
                        .filter(e -> !e.hired().isAfter(day) && !e.role().equals("Stock Associate"))
                        .toList();
                Employee clerk = r.pick(onShift);
                int quantity = r.pick(List.of(1, 2, 3, 4, 6), new double[] {62, 22, 8, 5, 3});
                BigDecimal gross = p.price().multiply(BigDecimal.valueOf(quantity));
                BigDecimal discount = r.chance(0.18)
                        ? gross.multiply(BigDecimal.valueOf(r.pick(List.of(10, 15, 20, 25))))
                                .movePointLeft(2)
                                .setScale(2, RoundingMode.HALF_UP)
                        : BigDecimal.ZERO.setScale(2);
                t.row(
                        id,
                        store,
                        p.id(),
                        clerk.id(),
                        r.at(day, 9, 21),
                        quantity,
                        p.price(),
                        discount,
                        gross.subtract(discount),
                        r.pick(List.of("card", "cash", "mobile_wallet", "gift_card"), new double[] {58, 18, 20, 4}));
            }
        }
    }
}
