package dev.querent.connectors.demo;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** {@code healthcare}: 12 departments, 90 doctors, 2,500 patients, 4,000 appointments, prescriptions. */
final class HealthcareData {
    private static final int DOCTORS = 90;
    private static final int PATIENTS = 2_500;
    private static final int APPOINTMENTS = 4_000;

    private record Department(String name, int floor, double weight, List<String> specialties, List<String> reasons) {}

    private static final List<Department> DEPARTMENTS = List.of(
            new Department(
                    "Cardiology",
                    3,
                    12,
                    List.of("General Cardiology", "Interventional Cardiology", "Electrophysiology"),
                    List.of("Chest pain", "Palpitations", "High blood pressure", "Shortness of breath")),
            new Department(
                    "Neurology",
                    4,
                    7,
                    List.of("General Neurology", "Stroke Medicine", "Epilepsy"),
                    List.of("Migraine", "Dizziness", "Numbness", "Memory problems")),
            new Department(
                    "Orthopedics",
                    2,
                    10,
                    List.of("Sports Medicine", "Joint Replacement", "Spine Surgery"),
                    List.of("Knee pain", "Back pain", "Fracture follow-up", "Sports injury")),
            new Department(
                    "Pediatrics",
                    1,
                    11,
                    List.of("General Pediatrics", "Neonatology"),
                    List.of("Well-child visit", "Fever", "Vaccination", "Ear infection")),
            new Department(
                    "Oncology",
                    5,
                    6,
                    List.of("Medical Oncology", "Radiation Oncology", "Hematology"),
                    List.of("Chemotherapy session", "Cancer screening", "Treatment review")),
            new Department(
                    "Dermatology",
                    2,
                    7,
                    List.of("General Dermatology", "Dermatologic Surgery"),
                    List.of("Skin rash", "Mole check", "Acne", "Eczema")),
            new Department(
                    "Emergency Medicine",
                    0,
                    9,
                    List.of("Emergency Medicine"),
                    List.of("Injury", "Severe pain", "Allergic reaction", "High fever")),
            new Department(
                    "Internal Medicine",
                    1,
                    16,
                    List.of("General Internal Medicine", "Endocrinology", "Gastroenterology"),
                    List.of("Annual checkup", "Diabetes management", "Stomach pain", "Fatigue")),
            new Department(
                    "Radiology",
                    0,
                    5,
                    List.of("Diagnostic Radiology", "Interventional Radiology"),
                    List.of("MRI scan", "X-ray", "Ultrasound", "CT scan")),
            new Department(
                    "Psychiatry",
                    4,
                    6,
                    List.of("Adult Psychiatry", "Child Psychiatry"),
                    List.of("Anxiety", "Depression", "Sleep problems", "Medication review")),
            new Department(
                    "Obstetrics and Gynecology",
                    3,
                    7,
                    List.of("Obstetrics", "Gynecology"),
                    List.of("Prenatal visit", "Annual exam", "Pelvic pain")),
            new Department(
                    "General Surgery",
                    5,
                    4,
                    List.of("General Surgery", "Colorectal Surgery"),
                    List.of("Pre-operative consultation", "Post-operative follow-up", "Hernia")));

    private record Medication(String name, List<String> dosages, double minCost, double maxCost) {}

    private static final List<Medication> MEDICATIONS = List.of(
            new Medication("Lisinopril", List.of("10 mg", "20 mg"), 4, 25),
            new Medication("Atorvastatin", List.of("20 mg", "40 mg"), 6, 40),
            new Medication("Metformin", List.of("500 mg", "1000 mg"), 4, 20),
            new Medication("Amoxicillin", List.of("250 mg", "500 mg"), 5, 18),
            new Medication("Ibuprofen", List.of("400 mg", "600 mg"), 3, 12),
            new Medication("Omeprazole", List.of("20 mg", "40 mg"), 5, 30),
            new Medication("Sertraline", List.of("50 mg", "100 mg"), 8, 45),
            new Medication("Levothyroxine", List.of("50 mcg", "100 mcg"), 6, 28),
            new Medication("Amlodipine", List.of("5 mg", "10 mg"), 4, 22),
            new Medication("Albuterol", List.of("90 mcg"), 25, 70),
            new Medication("Gabapentin", List.of("300 mg", "600 mg"), 9, 55),
            new Medication("Prednisone", List.of("10 mg", "20 mg"), 4, 16),
            new Medication("Azithromycin", List.of("250 mg", "500 mg"), 8, 35),
            new Medication("Hydrochlorothiazide", List.of("12.5 mg", "25 mg"), 3, 15),
            new Medication("Montelukast", List.of("10 mg"), 10, 48),
            new Medication("Cetirizine", List.of("10 mg"), 3, 14));

    private static final List<String> FREQUENCIES =
            List.of("Once daily", "Twice daily", "Three times daily", "Every 8 hours", "As needed");
    private static final List<String> BLOOD_TYPES = List.of("O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-");
    private static final double[] BLOOD_WEIGHTS = {37.4, 35.7, 8.5, 3.4, 6.6, 6.3, 1.5, 0.6};
    private static final List<String> INSURERS = List.of(
            "Aetna",
            "Blue Cross",
            "Cigna",
            "UnitedHealthcare",
            "Medicare",
            "Medicaid",
            "Kaiser Permanente",
            "Self-pay");
    private static final double[] INSURER_WEIGHTS = {14, 20, 11, 18, 15, 10, 7, 5};

    private HealthcareData() {}

    /** Clinics see patients on weekdays: a weekend moves to the Monday, or the Friday at the end of the data. */
    private static LocalDate weekday(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
            return day;
        }
        LocalDate monday = day.plusDays(dow == DayOfWeek.SATURDAY ? 2 : 1);
        return monday.isAfter(DemoRandom.LAST_DAY) ? monday.minusDays(3) : monday;
    }

    static void write(DuckDBConnection c, DemoRandom r) throws SQLException {
        double[] departmentWeights =
                DEPARTMENTS.stream().mapToDouble(Department::weight).toArray();
        try (TableWriter t = new TableWriter(c, "healthcare", "departments")) {
            for (int i = 0; i < DEPARTMENTS.size(); i++) {
                Department d = DEPARTMENTS.get(i);
                t.row(
                        i + 1,
                        d.name(),
                        d.floor(),
                        "x" + (2100 + i * 10),
                        r.money(1_500_000, 12_000_000)
                                .setScale(-3, java.math.RoundingMode.HALF_UP)
                                .setScale(2));
            }
        }

        int[] doctorDepartment = new int[DOCTORS + 1];
        BigDecimal[] doctorFee = new BigDecimal[DOCTORS + 1];
        LocalDate[] doctorHired = new LocalDate[DOCTORS + 1];
        List<List<Integer>> doctorsByDepartment = new ArrayList<>();
        for (int i = 0; i < DEPARTMENTS.size(); i++) {
            doctorsByDepartment.add(new ArrayList<>());
        }
        try (TableWriter t = new TableWriter(c, "healthcare", "doctors")) {
            for (int id = 1; id <= DOCTORS; id++) {
                // Every department gets a doctor before the weights spread the rest.
                int department =
                        id <= DEPARTMENTS.size() ? id - 1 : DEPARTMENTS.indexOf(r.pick(DEPARTMENTS, departmentWeights));
                Department d = DEPARTMENTS.get(department);
                String[] name = Names.person(r);
                doctorDepartment[id] = department;
                doctorFee[id] = BigDecimal.valueOf(r.between(12, 45) * 10L).setScale(2);
                doctorHired[id] = r.date(LocalDate.of(2005, 1, 1), LocalDate.of(2024, 9, 30));
                doctorsByDepartment.get(department).add(id);
                t.row(
                        id,
                        name[0],
                        name[1],
                        department + 1,
                        r.pick(d.specialties()),
                        Names.email(name[0], name[1], id, "hospital.example"),
                        doctorHired[id],
                        doctorFee[id],
                        !r.chance(0.12));
            }
        }

        LocalDate[] registered = new LocalDate[PATIENTS + 1];
        try (TableWriter t = new TableWriter(c, "healthcare", "patients")) {
            for (int id = 1; id <= PATIENTS; id++) {
                String[] name = Names.person(r);
                LocalDate born = r.date(LocalDate.of(1932, 1, 1), LocalDate.of(2024, 12, 31));
                LocalDate earliest = born.isAfter(LocalDate.of(2016, 1, 1)) ? born : LocalDate.of(2016, 1, 1);
                registered[id] = r.date(earliest, LocalDate.of(2025, 5, 31));
                t.row(
                        id,
                        name[0],
                        name[1],
                        born,
                        r.pick(List.of("Female", "Male", "Other"), new double[] {50, 48, 2}),
                        r.pick(BLOOD_TYPES, BLOOD_WEIGHTS),
                        r.pick(Names.US_CITIES.subList(0, 7)).city(),
                        r.pick(INSURERS, INSURER_WEIGHTS),
                        registered[id]);
            }
        }

        record Visit(int id, int patient, int doctor, LocalDate day) {}
        List<Visit> completed = new ArrayList<>();
        try (TableWriter t = new TableWriter(c, "healthcare", "appointments")) {
            for (int id = 1; id <= APPOINTMENTS; id++) {
                int patient = r.between(1, PATIENTS);
                Department d = r.pick(DEPARTMENTS, departmentWeights);
                int department = DEPARTMENTS.indexOf(d);
                int doctor = r.pick(doctorsByDepartment.get(department));
                LocalDate from =
                        registered[patient].isAfter(doctorHired[doctor]) ? registered[patient] : doctorHired[doctor];
                LocalDate day = weekday(r.growingDate(from));
                int slot = r.between(0, 37);
                LocalDateTime start = day.atTime(8 + slot / 4, (slot % 4) * 15);
                boolean future = day.isAfter(DemoRandom.LAST_DAY.minusDays(10));
                String status = future
                        ? "scheduled"
                        : r.pick(List.of("completed", "cancelled", "no_show"), new double[] {82, 10, 8});
                t.row(
                        id,
                        patient,
                        doctor,
                        start,
                        r.pick(List.of(15, 30, 45, 60), new double[] {30, 45, 15, 10}),
                        r.pick(d.reasons()),
                        status,
                        status.equals("completed") ? doctorFee[doctor] : BigDecimal.ZERO.setScale(2));
                if (status.equals("completed")) {
                    completed.add(new Visit(id, patient, doctor, day));
                }
            }
        }

        try (TableWriter t = new TableWriter(c, "healthcare", "prescriptions")) {
            int id = 0;
            for (Visit v : completed) {
                if (!r.chance(0.65)) {
                    continue;
                }
                int count = r.chance(0.25) ? 2 : 1;
                for (int k = 0; k < count; k++) {
                    Medication m = r.pick(MEDICATIONS);
                    t.row(
                            ++id,
                            v.id(),
                            v.patient(),
                            v.doctor(),
                            m.name(),
                            r.pick(m.dosages()),
                            r.pick(FREQUENCIES, new double[] {45, 25, 8, 7, 15}),
                            v.day(),
                            r.pick(List.of(7, 10, 14, 30, 90), new double[] {20, 15, 20, 30, 15}),
                            r.pick(List.of(0, 1, 2, 3, 5), new double[] {35, 25, 20, 12, 8}),
                            r.money(m.minCost(), m.maxCost()));
                }
            }
        }
    }
}
