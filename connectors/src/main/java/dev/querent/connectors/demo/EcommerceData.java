package dev.querent.connectors.demo;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/** {@code ecommerce}: 1,500 customers, ~240 products, 5,000 orders, ~12,000 items, reviews. */
final class EcommerceData {
    private static final int CUSTOMERS = 1_500;
    private static final int ORDERS = 5_000;

    private record Category(String name, double minPrice, double maxPrice, List<String> nouns) {}

    private static final List<Category> CATEGORIES = List.of(
            new Category(
                    "Electronics",
                    19,
                    899,
                    List.of(
                            "Wireless Earbuds",
                            "Bluetooth Speaker",
                            "Smartwatch",
                            "4K Monitor",
                            "Mechanical Keyboard",
                            "USB-C Hub",
                            "Noise-Cancelling Headphones",
                            "Portable Charger",
                            "Webcam",
                            "Gaming Mouse")),
            new Category(
                    "Home & Kitchen",
                    12,
                    450,
                    List.of(
                            "Coffee Maker",
                            "Chef Knife",
                            "Air Fryer",
                            "Blender",
                            "Cookware Set",
                            "Desk Lamp",
                            "Throw Blanket",
                            "Bath Towel Set",
                            "Espresso Machine",
                            "Storage Bins")),
            new Category(
                    "Clothing",
                    9,
                    260,
                    List.of(
                            "Running Shoes",
                            "Denim Jacket",
                            "Wool Sweater",
                            "Rain Jacket",
                            "Yoga Pants",
                            "Cotton T-Shirt",
                            "Leather Belt",
                            "Sneakers",
                            "Winter Coat",
                            "Baseball Cap")),
            new Category(
                    "Books",
                    6,
                    60,
                    List.of(
                            "Cookbook",
                            "Mystery Novel",
                            "Science Fiction Novel",
                            "Biography",
                            "Picture Book",
                            "Travel Guide",
                            "Business Strategy Book",
                            "Poetry Collection",
                            "History Book",
                            "Self-Help Book")),
            new Category(
                    "Sports & Outdoors",
                    8,
                    520,
                    List.of(
                            "Yoga Mat",
                            "Camping Tent",
                            "Hiking Backpack",
                            "Water Bottle",
                            "Dumbbell Set",
                            "Bicycle Helmet",
                            "Sleeping Bag",
                            "Tennis Racket",
                            "Fitness Tracker",
                            "Trekking Poles")),
            new Category(
                    "Beauty",
                    5,
                    140,
                    List.of(
                            "Face Moisturizer",
                            "Vitamin C Serum",
                            "Shampoo",
                            "Perfume",
                            "Lipstick",
                            "Sunscreen SPF 50",
                            "Hair Dryer",
                            "Beard Trimmer",
                            "Nail Polish Set",
                            "Makeup Brush Set")),
            new Category(
                    "Toys & Games",
                    7,
                    180,
                    List.of(
                            "Building Blocks Set",
                            "Board Game",
                            "Jigsaw Puzzle",
                            "Remote Control Car",
                            "Plush Bear",
                            "Card Game",
                            "Model Train Set",
                            "Art Kit",
                            "Dollhouse",
                            "Science Kit")));

    private static final double[] CATEGORY_WEIGHTS = {24, 18, 17, 12, 12, 10, 7};
    private static final List<String> VARIANTS =
            List.of("Classic", "Pro", "Ultra", "Eco", "Deluxe", "Compact", "Premium", "Essential");
    private static final List<String> BRANDS =
            List.of("Acme", "Northwind", "Contoso", "Fabrikam", "Globex", "Lumina", "Vertex", "Orion", "Solace");
    private static final List<String> SEGMENTS = List.of("Consumer", "Small Business", "Corporate");
    private static final List<String> PAYMENTS =
            List.of("credit_card", "paypal", "debit_card", "gift_card", "bank_transfer");
    private static final List<String> FINAL_STATUSES = List.of("delivered", "cancelled", "returned");
    private static final List<String> OPEN_STATUSES = List.of("pending", "processing", "shipped");
    private static final List<List<String>> TITLES = List.of(
            List.of("Very disappointed", "Broke after a week", "Not as described", "Would not buy again"),
            List.of("Not great", "Below expectations", "Quality could be better", "Meh"),
            List.of("It is okay", "Average", "Does the job", "Decent for the price"),
            List.of("Good value", "Happy with it", "Works well", "Solid purchase"),
            List.of("Excellent!", "Love it", "Exceeded expectations", "Highly recommend", "Perfect"));

    private record Product(int id, String category, BigDecimal price) {}

    private record Item(int productId, int quantity, BigDecimal unitPrice, BigDecimal discount) {}

    private EcommerceData() {}

    static void write(DuckDBConnection c, DemoRandom r) throws SQLException {
        LocalDate[] signup = new LocalDate[CUSTOMERS + 1];
        try (TableWriter t = new TableWriter(c, "ecommerce", "customers")) {
            for (int id = 1; id <= CUSTOMERS; id++) {
                String[] name = Names.person(r);
                Names.Place place = r.pick(Names.WORLD_CITIES, Names.WORLD_CITY_WEIGHTS);
                // A third of the customers signed up before the order history starts.
                signup[id] = r.chance(0.3)
                        ? r.date(LocalDate.of(2019, 1, 1), DemoRandom.FIRST_DAY.minusDays(1))
                        : r.growingDate(DemoRandom.FIRST_DAY);
                t.row(
                        id,
                        name[0],
                        name[1],
                        Names.email(name[0], name[1], id, "example.com"),
                        place.city(),
                        place.country(),
                        signup[id],
                        r.pick(SEGMENTS, new double[] {70, 20, 10}));
            }
        }

        List<Product> products = new ArrayList<>();
        try (TableWriter t = new TableWriter(c, "ecommerce", "products")) {
            for (Category category : CATEGORIES) {
                for (String noun : category.nouns()) {
                    List<String> variants = new ArrayList<>(VARIANTS);
                    int count = r.between(3, 4);
                    for (int v = 0; v < count; v++) {
                        String variant = variants.remove(r.between(0, variants.size() - 1));
                        int id = products.size() + 1;
                        BigDecimal price = r.money(category.minPrice(), category.maxPrice())
                                .setScale(0, java.math.RoundingMode.DOWN)
                                .add(new BigDecimal("0.99"));
                        BigDecimal cost = price.multiply(BigDecimal.valueOf(r.between(45, 75)))
                                .movePointLeft(2)
                                .setScale(2, java.math.RoundingMode.HALF_UP);
                        t.row(
                                id,
                                variant + " " + noun,
                                category.name(),
                                r.pick(BRANDS),
                                price,
                                cost,
                                r.chance(0.06) ? 0 : r.between(5, 900),
                                !r.chance(0.08),
                                r.date(LocalDate.of(2020, 6, 1), LocalDate.of(2024, 12, 31)));
                        products.add(new Product(id, category.name(), price));
                    }
                }
            }
        }
        List<List<Product>> byCategory = new ArrayList<>();
        for (Category category : CATEGORIES) {
            byCategory.add(products.stream()
                    .filter(p -> p.category().equals(category.name()))
                    .toList());
        }

        List<Integer> itemOrder = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        int[] orderCustomer = new int[ORDERS + 1];
        LocalDate[] orderDate = new LocalDate[ORDERS + 1];
        String[] orderStatus = new String[ORDERS + 1];
        try (TableWriter t = new TableWriter(c, "ecommerce", "orders")) {
            for (int id = 1; id <= ORDERS; id++) {
                int customer = r.between(1, CUSTOMERS);
                LocalDate date = r.growingDate(signup[customer]);
                boolean recent = date.isAfter(DemoRandom.LAST_DAY.minusDays(14));
                String status = recent
                        ? r.pick(OPEN_STATUSES, new double[] {25, 35, 40})
                        : r.pick(FINAL_STATUSES, new double[] {86, 8, 6});
                LocalDate shipped =
                        status.equals("pending") || status.equals("processing") || status.equals("cancelled")
                                ? null
                                : date.plusDays(r.between(1, 4));
                if (shipped != null && shipped.isAfter(DemoRandom.LAST_DAY)) {
                    shipped = DemoRandom.LAST_DAY;
                }
                BigDecimal total = BigDecimal.ZERO.setScale(2);
                int lines = r.pick(List.of(1, 2, 3, 4, 5), new double[] {30, 30, 20, 12, 8});
                List<Product> favourite = r.pick(byCategory, CATEGORY_WEIGHTS);
                Set<Integer> chosen = new HashSet<>();
                for (int line = 0; line < lines; line++) {
                    // Baskets lean towards one category, as real ones do.
                    Product p = r.chance(0.6) ? r.pick(favourite) : r.pick(products);
                    if (!chosen.add(p.id())) {
                        continue;
                    }
                    int quantity = r.pick(List.of(1, 2, 3, 4), new double[] {70, 20, 7, 3});
                    BigDecimal gross = p.price().multiply(BigDecimal.valueOf(quantity));
                    BigDecimal discount = r.chance(0.15)
                            ? gross.movePointLeft(1).setScale(2, java.math.RoundingMode.HALF_UP)
                            : BigDecimal.ZERO.setScale(2);
                    total = total.add(gross).subtract(discount);
                    items.add(new Item(p.id(), quantity, p.price(), discount));
                    itemOrder.add(id);
                }
                t.row(id, customer, date, status, r.pick(PAYMENTS, new double[] {55, 20, 15, 5, 5}), shipped, total);
                orderCustomer[id] = customer;
                orderDate[id] = date;
                orderStatus[id] = status;
            }
        }

        try (TableWriter t = new TableWriter(c, "ecommerce", "order_items")) {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                t.row(i + 1, itemOrder.get(i), item.productId(), item.quantity(), item.unitPrice(), item.discount());
            }
        }

        try (TableWriter t = new TableWriter(c, "ecommerce", "reviews")) {
            Set<Long> reviewed = new HashSet<>();
            int id = 0;
            for (int i = 0; i < items.size(); i++) {
                int order = itemOrder.get(i);
                if (!orderStatus[order].equals("delivered") || !r.chance(0.3)) {
                    continue;
                }
                int customer = orderCustomer[order];
                int product = items.get(i).productId();
                if (!reviewed.add((long) customer * 100_000 + product)) {
                    continue;
                }
                LocalDate date = orderDate[order].plusDays(r.between(3, 30));
                if (date.isAfter(DemoRandom.LAST_DAY)) {
                    continue;
                }
                int rating = r.pick(List.of(1, 2, 3, 4, 5), new double[] {8, 7, 12, 28, 45});
                t.row(
                        ++id,
                        product,
                        customer,
                        rating,
                        r.pick(TITLES.get(rating - 1)),
                        date,
                        r.chance(0.5) ? 0 : r.between(1, 60));
            }
        }
    }
}
