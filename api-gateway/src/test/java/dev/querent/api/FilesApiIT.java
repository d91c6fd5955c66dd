package dev.querent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A files source through the API: created empty, a CSV and a workbook uploaded (multipart), its
 * tables and inferred types listed, a question joining them answered with the right rows, a
 * re-upload answered with its drift, a type change and a refused cast; then hostile uploads, each
 * refused with its code and nothing written outside the source's folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesApiIT {
    private static final Path DATA_DIR = TestAuth.dataDir("querent-files-it");
    private static final int MAX_BYTES = 64 * 1024;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
        r.add("querent.demo.enabled", () -> "false");
        r.add("querent.uploads.max-bytes", () -> String.valueOf(MAX_BYTES));
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    JsonMapper json;

    WebTestClient admin;
    String ds;

    @BeforeAll
    void setUp() {
        admin = TestAuth.asAdmin(anonymous);
        JsonNode created = new JsonApi(admin, json)
                .post("/api/datasources", Map.of("name", "spreadsheets", "type", "files", "settings", Map.of()), 201);
        assertThat(created.get("type").asString()).isEqualTo("files");
        ds = created.get("id").asString();
    }

    private static final String CUSTOMERS = "Customer ID,Name,Country\n1,Ada,UK\n2,Alan,UK\n3,Grace,US\n";

    static byte[] ordersWorkbook() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Orders");
            Object[][] rows = {
                {"Order ID", "Customer ID", "Amount"}, {10, 1, 12.5}, {11, 1, 7.5}, {12, 3, 100}, {13, 2, 1}
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(rows[r][c].toString());
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private WebTestClient.ResponseSpec upload(Map<String, byte[]> files) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        files.forEach((name, bytes) -> body.part("file", bytes).filename(name));
        return admin.post()
                .uri("/api/datasources/" + ds + "/files")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    private JsonNode ok(WebTestClient.ResponseSpec response) {
        return json.readTree(
                response.expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private void problem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    @Test
    @Order(1)
    void uploadsBecomeTablesThatAQuestionJoins() throws Exception {
        JsonNode uploaded = ok(upload(
                Map.of("customers.csv", CUSTOMERS.getBytes(StandardCharsets.UTF_8), "orders.xlsx", ordersWorkbook())));
        assertThat(uploaded.get("tables").findValuesAsString("table")).containsExactlyInAnyOrder("customers", "orders");
        assertThat(uploaded.get("drift").get("addedTables").toString()).contains("customers", "orders");

        JsonNode listed = new JsonApi(admin, json).get("/api/datasources/" + ds + "/files");
        assertThat(listed.get("typeChoices").toString()).contains("DECIMAL(18,2)");
        JsonNode orders = null;
        for (JsonNode t : listed.get("tables")) {
            if (t.get("table").asString().equals("orders")) {
                orders = t;
            }
        }
        assertThat(orders).isNotNull();
        assertThat(orders.get("sheet").asString()).isEqualTo("Orders");
        assertThat(orders.get("columns").findValuesAsString("name"))
                .containsExactly("order_id", "customer_id", "amount");
        assertThat(orders.get("columns").findValuesAsString("type")).containsExactly("BIGINT", "BIGINT", "DOUBLE");

        JsonApi api = new JsonApi(admin, json);
        String chat = api.post("/api/chats", Map.of("dataSourceId", ds), 201)
                .get("id")
                .asString();
        JsonNode turn = api.post(
                "/api/chats/" + chat + "/messages",
                Map.of("question", "What is the total amount of orders per customer name?"),
                201);
        assertThat(turn.get("state").asString()).as(turn.toString()).isEqualTo("AWAITING_CONFIRMATION");
        JsonNode answered = api.post("/api/turns/" + turn.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(answered.get("state").asString()).as(answered.toString()).isEqualTo("ANSWERED");
        List<String> rows = new ArrayList<>();
        answered.get("result")
                .get("rows")
                .forEach(r -> rows.add(r.get(0).asString() + "=" + r.get(1).asDouble()));
        assertThat(rows).containsExactlyInAnyOrder("Ada=20.0", "Alan=1.0", "Grace=100.0");
    }

    @Test
    @Order(2)
    void aReUploadAnswersWithItsDrift() {
        JsonNode again = ok(upload(Map.of(
                "customers.csv",
                "Customer ID,Name,Email\n1,Ada,ada@example.com\n2,Alan,\n3,Grace,\n"
                        .getBytes(StandardCharsets.UTF_8))));
        JsonNode table = again.get("tables").get(0);
        assertThat(table.get("version").asInt()).isEqualTo(2);
        assertThat(again.get("drift").get("addedColumns").toString()).contains("customers.email");
        assertThat(again.get("drift").get("removedColumns").toString()).contains("customers.country");
    }

    @Test
    @Order(3)
    void aTypeChangeIsACastAndAFailingCastIsRefused() {
        JsonNode changed = new JsonApi(admin, json)
                .put("/api/datasources/" + ds + "/files/orders/columns/amount", Map.of("type", "DECIMAL(10,2)"), 200);
        assertThat(changed.get("tables")
                        .get(0)
                        .get("columns")
                        .get(2)
                        .get("type")
                        .asString())
                .isEqualTo("DECIMAL(10,2)");
        assertThat(changed.get("drift").get("retypedColumns").toString()).contains("orders.amount");

        problem(
                admin.put()
                        .uri("/api/datasources/" + ds + "/files/customers/columns/name")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("type", "DATE"))
                        .exchange(),
                422,
                "TYPE_CHANGE_FAILED");
        problem(
                admin.put()
                        .uri("/api/datasources/" + ds + "/files/customers/columns/name")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("type", "DATE) AS name FROM customers; DROP TABLE orders; --"))
                        .exchange(),
                422,
                "VALIDATION_FAILED");
    }

    @Test
    @Order(4)
    void hostileUploadsAreRefusedAndWriteNothingOutside() throws Exception {
        problem(
                upload(Map.of("../../../evil.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8))),
                400,
                "FILE_NAME_REJECTED");
        problem(upload(Map.of("/tmp/evil.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8))), 400, "FILE_NAME_REJECTED");
        problem(upload(Map.of("..\\evil.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8))), 400, "FILE_NAME_REJECTED");
        problem(upload(Map.of("CON.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8))), 400, "FILE_NAME_REJECTED");
        problem(upload(Map.of("evil.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8))), 415, "FILE_TYPE_REJECTED");
        problem(upload(Map.of("evil.csv", new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 0})), 415, "FILE_TYPE_REJECTED");
        problem(
                upload(Map.of("evil.csv", ("a\n" + "1\n".repeat(MAX_BYTES)).getBytes(StandardCharsets.UTF_8))),
                413,
                "FILE_TOO_LARGE");
        admin.post()
                .uri("/api/datasources/" + ds + "/files")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(415);

        try (Stream<Path> all = Files.walk(DATA_DIR)) {
            assertThat(all.filter(p -> p.getFileName().toString().contains("evil")))
                    .isEmpty();
        }
        try (Stream<Path> incoming = Files.list(DATA_DIR.resolve("sources/files/" + ds + "/incoming"))) {
            assertThat(incoming).as("refused uploads leave nothing staged").isEmpty();
        }
        assertThat(new JsonApi(admin, json)
                        .get("/api/datasources/" + ds + "/files")
                        .get("tables"))
                .hasSize(2);
    }
}
