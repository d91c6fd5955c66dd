package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.semantics.Agreement;
import dev.querent.semantics.AgreementScorer;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.DefinedTerms;
import dev.querent.semantics.SqlBackTranslator;
import dev.querent.semantics.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per rule that tells right SQL from wrong: the right SQL must agree (each was a false
 * alarm once) and, where the rule also catches a mistake, the wrong SQL must not. The schema is
 * SQLite without declared keys, as many real databases are, so join checks work from names alone.
 */
class AgreementRulesTest {
    private static final SchemaSnapshot SCHEMA = new SchemaSnapshot(
            Dialect.SQLITE,
            null,
            List.of(
                    table("publication", "pid:int", "title:text", "year:int", "citation_num:int", "jid:int", "cid:int"),
                    table("conference", "cid:int", "name:text"),
                    table("merchants", "mid:int", "name:text"),
                    table("coupons", "cid:int", "merchant_id:int", "code:text"),
                    table("venue", "venueid:int", "venuename:text"),
                    table("paper", "paperid:int", "venueid:int", "title:text"),
                    table("restriction", "restriction_code:text", "application:text=One-Way|Round-Trip"),
                    table("airport", "airport_code:text", "airport_name:text"),
                    table("city", "city_name:text", "population:int", "country_name:text", "county_name:text"),
                    table("aircraft", "aircraft_code:text", "manufacturer:text", "cruising_speed:int"),
                    table("country", "code:text", "name:text", "continent:text"),
                    table("tip", "tid:int", "tip_date:text", "likes:int", "month:text", "year:int"),
                    table("journal", "jid:int", "name:text"),
                    table("author", "aid:int", "name:text", "oid:int"),
                    table("writes", "aid:int", "pid:int"),
                    table("course", "course_id:int", "name:text", "credits:int"),
                    table(
                            "student",
                            "student_id:int",
                            "name:text",
                            "total_credit:int",
                            "program_id:int",
                            "declare_major:text",
                            "date_registered:text"),
                    table("program", "program_id:int", "name:text"),
                    table(
                            "state",
                            "state_name:text",
                            "population:int",
                            "area:real",
                            "density:real",
                            "governor:text=Doe|Smith"),
                    table("lake", "lake_name:text", "state_name:text", "area:real"),
                    table(
                            "fare",
                            "fare_id:int",
                            "from_airport:text",
                            "to_airport:text",
                            "cost:real",
                            "one_direction_cost:real"),
                    table(
                            "flight",
                            "flight_id:int",
                            "stops:int",
                            "round_trip_required:text",
                            "from_airport:text",
                            "duration:int",
                            "departure_time:int",
                            "arrival_time:int"),
                    table("business", "business_id:int", "name:text", "state:text"),
                    table("sale", "sale_id:int", "sale_date:text", "amount:real"),
                    table("payment", "payment_id:int", "sale_id:int", "payment_date:text"),
                    table("transactions", "txn_id:int", "status:text=success|failed", "created_at:text"),
                    table("atom", "atom_id:text", "molecule_id:text", "element:text"),
                    table("satscores", "school:text", "avg_scr_write:int"),
                    table("customer", "customer_id:int", "name:text", "email:text", "gender:text", "is_active:int"),
                    table("league_match", "match_id:int", "season:text"),
                    table("paper_keyphrase", "paperid:int", "keyphraseid:int"),
                    table("conductor", "conductor_id:int", "name:text", "year_of_work:int", "final_table_made:int"),
                    table("visit", "visit_id:int", "day:text", "visitors:int", "visit_length:int"),
                    table("student_record", "student_id:int", "course_id:int", "grade:text"),
                    table("countrylanguage", "countrycode:text", "language:text", "isofficial:text=T|F"),
                    table("singer", "singer_id:int", "name:text", "age:int", "country:text", "sex:text=F|M"),
                    table("matches", "match_id:int", "winner_name:text", "winner_hand:text=L|R"),
                    table("pets", "pet_id:int", "pet_type:text", "weight:real", "pet_age:int"),
                    table(
                            "nation",
                            "nation_code:text",
                            "nation_name:text",
                            "continent:text",
                            "surface_area:real",
                            "population:int"),
                    table("nation_language", "nation_code:text", "language:text", "percentage:real"),
                    table("continents", "ContId:int", "continent:text"),
                    table("countries", "countryid:int", "countryname:text", "ContId:int"),
                    table("highschooler", "id:int", "name:text", "grade:int"),
                    table("frpm", "school_name:text", "Enrollment (K-12):real", "Enrollment (Ages 5-17):real"),
                    table(
                            "review",
                            "review_id:int",
                            "business_id:int",
                            "rating:real",
                            "verdict:text=Average|Excellent")),
            Instant.EPOCH);

    private static TableInfo table(String name, String... columns) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (String c : columns) {
            String[] p = c.split(":");
            String[] typeAndSamples = p[1].split("=");
            List<String> samples = typeAndSamples.length > 1 ? List.of(typeAndSamples[1].split("\\|")) : List.of();
            cols.add(new ColumnInfo(p[0], typeAndSamples[0], true, null, samples));
        }
        return new TableInfo(null, name, TableKind.TABLE, null, cols, List.of(), List.of(), -1);
    }

    private static Agreement score(String question, String sql) {
        return new AgreementScorer()
                .score(question, new SqlBackTranslator().describe(sql, Dialect.SQLITE, SCHEMA), SCHEMA);
    }

    /** {@code rule, question, right SQL, wrong SQL or null}. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(
                        "a question word is not stemmed twice (courses -> cours -> cour)",
                        "How many courses are there?",
                        "SELECT COUNT(*) FROM course",
                        null),
                Arguments.of(
                        "'in each year' is met by GROUP BY a year column",
                        "How many publications were published in each year?",
                        "SELECT year, COUNT(*) FROM publication GROUP BY year",
                        "SELECT COUNT(*) FROM publication"),
                Arguments.of(
                        "'from highest to lowest' asks for descending order",
                        "List the titles of publications ordered from highest to lowest citation count",
                        "SELECT title FROM publication ORDER BY citation_num DESC",
                        "SELECT title FROM publication ORDER BY citation_num ASC"),
                Arguments.of(
                        "'earned by students' names who earned them, not a grouping",
                        "What is the sum of credits earned by students in each program?",
                        "SELECT program.name, SUM(student.total_credit) FROM student JOIN program"
                                + " ON student.program_id = program.program_id GROUP BY program.name",
                        null),
                Arguments.of(
                        "'per square kilometer' is a unit, not a grouping",
                        "Which states have more than 100 people per square kilometer?",
                        "SELECT state_name FROM state WHERE density > 100",
                        "SELECT state_name FROM state WHERE density < 100"),
                Arguments.of(
                        "without aggregates every row is already one state",
                        "Get the ratio of population to area for each state",
                        "SELECT state_name, population / area FROM state",
                        null),
                Arguments.of(
                        "a name and its code in parentheses are one value",
                        "What is the average fare from Los Angeles (LAX) to Chicago (ORD)?",
                        "SELECT AVG(cost) FROM fare WHERE from_airport = 'LAX' AND to_airport = 'ORD'",
                        "SELECT AVG(cost) FROM fare WHERE from_airport = 'JFK' AND to_airport = 'ORD'"),
                Arguments.of(
                        "an abbreviation matches the name it abbreviates",
                        "How many businesses are in California?",
                        "SELECT COUNT(*) FROM business WHERE state = 'CA'",
                        "SELECT COUNT(*) FROM business WHERE state = 'NY'"),
                Arguments.of(
                        "definitions are hints: what they mention may appear, need not",
                        "What percentage of customers are female? female refers to gender = 'F';"
                                + " percentage = DIVIDE(COUNT(female customers), COUNT(customers)) * 100",
                        "SELECT CAST(SUM(CASE WHEN gender = 'F' THEN 1 ELSE 0 END) AS REAL) * 100 / COUNT(customer_id)"
                                + " FROM customer",
                        null),
                Arguments.of(
                        "a date in the question is one date, not three numbers",
                        "What was the total amount sold on 2012/8/23?",
                        "SELECT SUM(amount) FROM sale WHERE sale_date = '2012-08-23'",
                        "SELECT SUM(amount) FROM sale WHERE sale_date = '2013-08-23'"),
                Arguments.of(
                        "LOWER('%Michigan%') still names Michigan",
                        "What are the names of the lakes in Michigan?",
                        "SELECT lake_name FROM lake WHERE LOWER(state_name) LIKE LOWER('%Michigan%')",
                        "SELECT lake_name FROM lake WHERE LOWER(state_name) LIKE LOWER('%Ohio%')"),
                Arguments.of(
                        "NOT x IS NULL requires x; it excludes nothing",
                        "How many students have declared a major?",
                        "SELECT COUNT(*) FROM student WHERE NOT declare_major IS NULL",
                        null),
                Arguments.of(
                        "'= 0' asks whether there is any, which a question says in words",
                        "How many flights have no stops?",
                        "SELECT COUNT(*) FROM flight WHERE stops = 0",
                        null),
                Arguments.of(
                        "a 'Yes' code is a yes/no flag the question names by its column",
                        "How many flights require a round trip?",
                        "SELECT COUNT(*) FROM flight WHERE round_trip_required = 'Yes'",
                        null),
                Arguments.of(
                        "a join on a key and its reference agrees; on an unrelated column it does not",
                        "List the titles of publications by each author name",
                        "SELECT author.name, publication.title FROM author JOIN writes ON author.aid = writes.aid"
                                + " JOIN publication ON writes.pid = publication.pid",
                        "SELECT author.name, publication.title FROM author JOIN writes ON author.oid = writes.aid"
                                + " JOIN publication ON writes.pid = publication.pid"),
                Arguments.of(
                        "summing identifiers answers nothing",
                        "How many publications are there?",
                        "SELECT COUNT(pid) FROM publication",
                        "SELECT SUM(pid) FROM publication"),
                Arguments.of(
                        "a returned column nobody asked for is extra",
                        "List the names of customers",
                        "SELECT name FROM customer",
                        "SELECT name, email FROM customer"),
                Arguments.of(
                        "an average is always asked for as such",
                        "Show the amount of each sale",
                        "SELECT sale_id, amount FROM sale",
                        "SELECT sale_id, AVG(amount) FROM sale GROUP BY sale_id"),
                Arguments.of(
                        "'how much does it cost' asks for a value, not a sum",
                        "How much does the cheapest course cost in credits?",
                        "SELECT credits FROM course ORDER BY credits LIMIT 1",
                        null),
                Arguments.of(
                        "any '-er than' compares",
                        "Which states are denser than 100?",
                        "SELECT state_name FROM state WHERE density > 100",
                        "SELECT state_name FROM state WHERE density < 100"),
                Arguments.of(
                        "'after' asks for greater values",
                        "Which publications appeared after 2015?",
                        "SELECT title FROM publication WHERE year > 2015",
                        null),
                Arguments.of(
                        "'a single' is the number one",
                        "Which journals have more than a single publication?",
                        "SELECT journal.name FROM journal JOIN publication ON journal.jid = publication.jid"
                                + " GROUP BY journal.name HAVING COUNT(*) > 1",
                        null),
                Arguments.of(
                        "a code of letters and digits is one value",
                        "Which elements are in molecule TR206?",
                        "SELECT element FROM atom WHERE molecule_id = 'TR206'",
                        "SELECT element FROM atom WHERE molecule_id = 'TR207'"),
                Arguments.of(
                        "ranking groups implies grouping by what is ranked",
                        "Which author has written the most publications?",
                        "SELECT author.name FROM author JOIN writes ON author.aid = writes.aid"
                                + " GROUP BY author.name ORDER BY COUNT(*) DESC LIMIT 1",
                        null),
                Arguments.of(
                        "'the first' asks for one row",
                        "Who is the first student to register?",
                        "SELECT name FROM student ORDER BY date_registered ASC LIMIT 1",
                        null),
                Arguments.of(
                        "a column that holds an average answers 'the average'",
                        "What is the average writing score of each school?",
                        "SELECT school, avg_scr_write FROM satscores",
                        null),
                Arguments.of(
                        "run-together identifiers name their words (paperid)",
                        "What is the number of keyphrases of each paper?",
                        "SELECT paperid, COUNT(keyphraseid) FROM paper_keyphrase GROUP BY paperid",
                        "SELECT COUNT(keyphraseid) FROM paper_keyphrase"),
                Arguments.of(
                        "clauses after a definition are hints too; 'no.' abbreviates number",
                        "How many sales were made in 2012? Year 2012 can be presented as sale_date LIKE '2012%'."
                                + " Total no. of sales counts every sale. The first 4 characters hold the year.",
                        "SELECT COUNT(*) FROM sale WHERE sale_date LIKE '2012%'",
                        "SELECT COUNT(*) FROM sale WHERE sale_date LIKE '2013%'"),
                Arguments.of(
                        "a month/day/year date names its year",
                        "What was the total amount sold on 9/9/2019?",
                        "SELECT SUM(amount) FROM sale WHERE sale_date = '2019-09-09'",
                        "SELECT SUM(amount) FROM sale WHERE sale_date = '2018-09-09'"),
                Arguments.of(
                        "an identifier written with underscores is no value to filter on",
                        "How many customers does the Customer_Club have?",
                        "SELECT COUNT(*) FROM customer",
                        null),
                Arguments.of(
                        "a number can be part of a value ('MU 215')",
                        "Which elements are in molecule MU 215?",
                        "SELECT element FROM atom WHERE molecule_id = 'MU 215'",
                        "SELECT element FROM atom WHERE molecule_id = 'MU 216'"),
                Arguments.of(
                        "'IDs' is a column word, not a value",
                        "Return the student IDs of students in program 3",
                        "SELECT student_id FROM student WHERE program_id = 3",
                        "SELECT student_id FROM student WHERE program_id = 4"),
                Arguments.of(
                        "'with 0 stops' is the flag stops = 0",
                        "How many flights have 0 stops?",
                        "SELECT COUNT(*) FROM flight WHERE stops = 0",
                        null),
                Arguments.of(
                        "a season value names its years",
                        "How many matches were played in the 2015-2016 season?",
                        "SELECT COUNT(*) FROM league_match WHERE season = '2015/2016'",
                        null),
                Arguments.of(
                        "'a hundred thousand' is the number 100000",
                        "Which states have fewer than a hundred thousand people?",
                        "SELECT state_name FROM state WHERE population < 100000",
                        "SELECT state_name FROM state WHERE population < 1000"),
                Arguments.of(
                        "'how many stops' may be a column that holds the count",
                        "How many stops does flight 7 make?",
                        "SELECT stops FROM flight WHERE flight_id = 7",
                        "SELECT stops FROM flight WHERE flight_id = 8"),
                Arguments.of(
                        "only a numeric column holds a count: a text column read as it is does not answer 'how many'",
                        "How many emails does customer 4 have?",
                        "SELECT COUNT(email) FROM customer WHERE customer_id = 4",
                        "SELECT email FROM customer WHERE customer_id = 4"),
                Arguments.of(
                        "a column holds a count of what its last word names, not of its first (visit_length holds no count of visits)",
                        "How many visits were there on each day?",
                        "SELECT day, COUNT(*) FROM visit GROUP BY day",
                        "SELECT day FROM visit GROUP BY day"),
                Arguments.of(
                        "the counted noun may stand before 'of' or a participle in the column name",
                        "List the conductors by the number of years they have worked and the number of tables made.",
                        "SELECT name, year_of_work, final_table_made FROM conductor",
                        null),
                Arguments.of(
                        "'one or more stops' is the flag 'with stops' (stops > 0)",
                        "Which flights have one or more stops?",
                        "SELECT flight_id FROM flight WHERE stops > 0",
                        "SELECT flight_id FROM flight"),
                Arguments.of(
                        "a name besides the identifier the question asks for is an extra column",
                        "Which students have more than 100 credits? Give the student id and the total credits.",
                        "SELECT student_id, total_credit FROM student WHERE total_credit > 100",
                        "SELECT student_id, total_credit, name FROM student WHERE total_credit > 100"),
                Arguments.of(
                        "an alias 'average_...' on a SUM does not make it an average",
                        "What is the average rating of each business?",
                        "SELECT business_id, AVG(rating) AS average_rating FROM review GROUP BY business_id",
                        "SELECT business_id, SUM(rating) AS average_rating FROM review GROUP BY business_id"),
                Arguments.of(
                        "a city the question names may be filtered by its code",
                        "What is the total cost of fares from Los Angeles?",
                        "SELECT SUM(cost) FROM fare WHERE from_airport = 'LAX'",
                        "SELECT SUM(cost) FROM fare WHERE from_airport = 'SFO'"),
                Arguments.of(
                        "'how many do and how many do not' is a count per value of a yes/no column",
                        "How many customers are active and how many are not?",
                        "SELECT is_active, COUNT(*) FROM customer GROUP BY is_active",
                        "SELECT COUNT(*) FROM customer WHERE is_active = 1"),
                Arguments.of(
                        "SUM(CASE WHEN c THEN 1 ELSE 0 END) counts",
                        "What is the number of flights with round trips required in each stop count?",
                        "SELECT stops, SUM(CASE WHEN round_trip_required = 'yes' THEN 1 ELSE 0 END) FROM flight GROUP BY stops",
                        null),
                Arguments.of(
                        "a one-word stored value is not linked to a function word ('Doe' in 'does')",
                        "How does the population of each state compare with its area?",
                        "SELECT state_name, population, area FROM state",
                        null),
                Arguments.of(
                        "'the total number of credits' may be summed from a credits column",
                        "What is the total number of credits of the students in each program?",
                        "SELECT program.name, SUM(student.total_credit) FROM student JOIN program"
                                + " ON student.program_id = program.program_id GROUP BY program.name",
                        "SELECT program.name, SUM(student.total_credit) FROM student JOIN program"
                                + " ON student.program_id = program.program_id"),
                Arguments.of(
                        "weekends are Saturday and Sunday",
                        "How many visitors came on weekends?",
                        "SELECT SUM(visitors) FROM visit WHERE day IN ('Saturday', 'Sunday')",
                        "SELECT SUM(visitors) FROM visit"),
                Arguments.of(
                        "weekdays are the days that are not Saturday or Sunday",
                        "What is the average number of visitors on weekdays?",
                        "SELECT AVG(visitors) FROM visit WHERE NOT day IN ('Saturday', 'Sunday')",
                        "SELECT AVG(visitors) FROM visit"),
                Arguments.of(
                        "an inclusive bound ('10 or more') is the strict bound > 9",
                        "Which publications have 10 or more citations? Give their titles.",
                        "SELECT title FROM publication WHERE citation_num > 9",
                        "SELECT title FROM publication WHERE citation_num > 11"),
                Arguments.of(
                        "a capital letter mid-sentence is a code the SQL may filter on",
                        "Which students got a grade of A or B in course 12?",
                        "SELECT DISTINCT student_id FROM student_record WHERE grade IN ('A', 'B') AND course_id = 12",
                        "SELECT DISTINCT student_id FROM student_record WHERE grade IN ('D') AND course_id = 12"),
                Arguments.of(
                        "'both' asks for two of something",
                        "Which authors have publications in both journal 3 and journal 5?",
                        "SELECT author.name FROM author JOIN writes ON author.aid = writes.aid JOIN publication"
                                + " ON writes.pid = publication.pid WHERE publication.jid IN (3, 5)"
                                + " GROUP BY author.name HAVING COUNT(DISTINCT publication.jid) = 2",
                        "SELECT author.name FROM author JOIN writes ON author.aid = writes.aid JOIN publication"
                                + " ON writes.pid = publication.pid WHERE publication.jid IN (3, 5)"
                                + " GROUP BY author.name HAVING COUNT(DISTINCT publication.jid) = 4"),
                Arguments.of(
                        "a key abbreviated to initials and id (cid) reads the table it keys",
                        "What is the ratio of publications presented in conferences to publications in journals?",
                        "SELECT CAST(COUNT(CASE WHEN cid IS NOT NULL THEN pid END) AS REAL)"
                                + " / COUNT(CASE WHEN jid IS NOT NULL THEN pid END) FROM publication",
                        "SELECT CAST(COUNT(CASE WHEN title IS NOT NULL THEN pid END) AS REAL)"
                                + " / COUNT(CASE WHEN year IS NOT NULL THEN pid END) FROM publication"),
                Arguments.of(
                        "the ids a CASE yields are not added up",
                        "What is the ratio of publications presented in conferences to publications in journals?",
                        "SELECT CAST(COUNT(CASE WHEN cid IS NOT NULL THEN pid END) AS REAL)"
                                + " / COUNT(CASE WHEN jid IS NOT NULL THEN pid END) FROM publication",
                        "SELECT CAST(SUM(CASE WHEN cid IS NOT NULL THEN pid END) AS REAL)"
                                + " / COUNT(CASE WHEN jid IS NOT NULL THEN pid END) FROM publication"),
                Arguments.of(
                        "a stored value of a table the SQL never reads is wording, not a filter",
                        "What is the average cost of a one-way trip?",
                        "SELECT AVG(one_direction_cost) FROM fare",
                        "SELECT MAX(one_direction_cost) FROM fare"),
                Arguments.of(
                        "a stored value of a table the SQL reads is still a filter it must apply",
                        "How many restrictions apply to one-way trips?",
                        "SELECT COUNT(*) FROM restriction WHERE application = 'One-Way'",
                        "SELECT COUNT(*) FROM restriction"),
                Arguments.of(
                        "a date modifier ('-2 months') holds the question's number",
                        "How many tips were there 2 months before the tip with id 3?",
                        "SELECT COUNT(*) FROM tip WHERE date(tip_date) ="
                                + " (SELECT date(t.tip_date, '-2 months') FROM tip AS t WHERE t.tid = 3)",
                        "SELECT COUNT(*) FROM tip WHERE date(tip_date) ="
                                + " (SELECT date(t.tip_date, '-5 months') FROM tip AS t WHERE t.tid = 3)"),
                Arguments.of(
                        "a number the SQL computes with meets the question's number",
                        "What is the average duration of flights minus 34 minutes?",
                        "SELECT AVG(duration - 34) FROM flight",
                        "SELECT AVG(duration - 43) FROM flight"),
                Arguments.of(
                        "'the 2 days before Saturday' are other weekdays",
                        "How many visitors came on the 2 days before Saturday?",
                        "SELECT SUM(visitors) FROM visit WHERE day IN ('Thursday', 'Friday')",
                        "SELECT SUM(visitors) FROM visit"),
                Arguments.of(
                        "'how many ... in total' counts; it asks for no sum",
                        "How many publications are there in total in journal 3?",
                        "SELECT COUNT(*) FROM publication WHERE jid = 3",
                        "SELECT COUNT(*) FROM publication WHERE jid = 4"),
                Arguments.of(
                        "a grouping on a run-together name (venuename) is the venue the question names",
                        "What is the name of each venue and how many papers were published there?",
                        "SELECT venue.venuename, COUNT(*) FROM paper JOIN venue ON paper.venueid = venue.venueid"
                                + " GROUP BY venue.venuename",
                        "SELECT COUNT(*) FROM paper JOIN venue ON paper.venueid = venue.venueid"
                                + " GROUP BY venue.venuename"),
                Arguments.of(
                        "an attribute the question asks to be shown must be returned",
                        "What are the names and areas of the lakes in Michigan?",
                        "SELECT lake_name, area FROM lake WHERE state_name = 'Michigan'",
                        "SELECT lake_name FROM lake WHERE state_name = 'Michigan'"),
                Arguments.of(
                        "a sentence listing the columns to return asks for each of them",
                        "Which students took course 5? Return the student ids, names and total credits.",
                        "SELECT s.student_id, s.name, s.total_credit FROM student s JOIN student_record r"
                                + " ON s.student_id = r.student_id WHERE r.course_id = 5",
                        "SELECT s.name, s.total_credit FROM student s JOIN student_record r"
                                + " ON s.student_id = r.student_id WHERE r.course_id = 5"),
                Arguments.of(
                        "a listed item that computes something is a measure, not a column to return",
                        "How many reviews does each business have? Return the business name and number of reviews.",
                        "SELECT b.name, COUNT(*) FROM business b JOIN review r ON b.business_id = r.business_id"
                                + " GROUP BY b.business_id, b.name",
                        "SELECT b.state, COUNT(*) FROM business b JOIN review r ON b.business_id = r.business_id"
                                + " GROUP BY b.state"),
                Arguments.of(
                        "once a name the question asks for is shown, another thing's name is an extra column",
                        "Get the cities in the United States and their population",
                        "SELECT city_name, population FROM city WHERE country_name = 'United States'",
                        "SELECT city_name, population, county_name FROM city WHERE country_name = 'United States'"),
                Arguments.of(
                        "a text code that refers to another table is not added up",
                        "How many flights depart from each airport?",
                        "SELECT airport.airport_code, COUNT(flight.flight_id) FROM airport LEFT JOIN flight"
                                + " ON airport.airport_code = flight.from_airport GROUP BY airport.airport_code",
                        "SELECT airport.airport_code, SUM(flight.from_airport) FROM airport LEFT JOIN flight"
                                + " ON airport.airport_code = flight.from_airport GROUP BY airport.airport_code"),
                Arguments.of(
                        "'by doing a join' says how, not what to group by",
                        "Return the names of the students by doing a join with the student records.",
                        "SELECT DISTINCT s.name FROM student s JOIN student_record r ON s.student_id = r.student_id",
                        null),
                Arguments.of(
                        "'how old' asks for the age, not another column",
                        "What are the names of the singers from France, and how old are they?",
                        "SELECT name, age FROM singer WHERE country = 'France'",
                        "SELECT name, sex FROM singer WHERE country = 'France'"),
                Arguments.of(
                        "'how much does it weigh' asks for the weight",
                        "How much does the youngest pet weigh?",
                        "SELECT weight FROM pets ORDER BY pet_age LIMIT 1",
                        "SELECT weight FROM pets ORDER BY pet_age LIMIT 3"),
                Arguments.of(
                        "grouping by a table's key written as the start of its name groups by that table",
                        "For each continent, list its id and how many countries it has.",
                        "SELECT T1.ContId, COUNT(*) FROM continents AS T1 JOIN countries AS T2"
                                + " ON T1.ContId = T2.ContId GROUP BY T1.ContId",
                        "SELECT T1.ContId, COUNT(*) FROM continents AS T1 JOIN countries AS T2"
                                + " ON T1.ContId = T2.ContId"),
                Arguments.of(
                        "'each high schooler' without an aggregate is every row of the table highschooler",
                        "Show the names and grades of each high schooler.",
                        "SELECT name, grade FROM highschooler",
                        "SELECT name FROM highschooler"),
                Arguments.of(
                        "'vary across different manufacturers' asks for one figure per manufacturer",
                        "How does the average cruising speed vary across different manufacturers?",
                        "SELECT manufacturer, AVG(cruising_speed) FROM aircraft GROUP BY manufacturer",
                        "SELECT AVG(cruising_speed) FROM aircraft"),
                Arguments.of(
                        "a date modifier ('unixepoch') and a unit's factor (/ 60) are the words they stand for",
                        "What is the average time between departure and arrival in minutes? Convert from UNIX time.",
                        "SELECT AVG((strftime('%s', datetime(arrival_time, 'unixepoch'))"
                                + " - strftime('%s', datetime(departure_time, 'unixepoch'))) / 60.0) FROM flight",
                        "SELECT MAX(arrival_time - departure_time) FROM flight"),
                Arguments.of(
                        "'in each month' is never met by an aggregate with no grouping at all",
                        "How many tips were posted in each month of 2021?",
                        "SELECT month, COUNT(*) FROM tip WHERE year = 2021 GROUP BY month",
                        "SELECT COUNT(*) FROM tip WHERE year = 2021"),
                Arguments.of(
                        "beside the names asked for, a key nobody asked for is a column more",
                        "What are the names of the journals?",
                        "SELECT name FROM journal",
                        "SELECT name, jid FROM journal"),
                Arguments.of(
                        "a place's adjective names the place ('European' for 'Europe')",
                        "How many European countries are there?",
                        "SELECT COUNT(*) FROM country WHERE continent = 'Europe'",
                        "SELECT COUNT(*) FROM country WHERE continent = 'Asia'"),
                Arguments.of(
                        "a value stored without its spaces is the same value",
                        "How many businesses are in North Carolina?",
                        "SELECT COUNT(*) FROM business WHERE state = 'NorthCarolina'",
                        "SELECT COUNT(*) FROM business WHERE state = 'SouthCarolina'"),
                Arguments.of(
                        "an aggregate word is not a stored value ('Average' as a verdict)",
                        "What is the average rating of each business?",
                        "SELECT business_id, AVG(rating) FROM review GROUP BY business_id",
                        "SELECT business_id, MAX(rating) FROM review GROUP BY business_id"),
                Arguments.of(
                        "a one-letter code stands for yes on a flag the question names ('T' for official)",
                        "Which languages are official?",
                        "SELECT language FROM countrylanguage WHERE isofficial = 'T'",
                        "SELECT language FROM countrylanguage WHERE isofficial = 'F'"),
                Arguments.of(
                        "a one-letter code is the first letter of the question's word ('F' for female)",
                        "How many female singers are there?",
                        "SELECT COUNT(*) FROM singer WHERE sex = 'F'",
                        "SELECT COUNT(*) FROM singer WHERE sex = 'M'"),
                Arguments.of(
                        "a one-letter code for a side ('L' for left handed)",
                        "How many left handed winners are there?",
                        "SELECT COUNT(DISTINCT winner_name) FROM matches WHERE winner_hand = 'L'",
                        "SELECT COUNT(DISTINCT winner_name) FROM matches WHERE winner_hand = 'R'"),
                Arguments.of(
                        "an irregular adjective names its country ('French' for 'France')",
                        "What is the average age of all French singers?",
                        "SELECT AVG(age) FROM singer WHERE country = 'France'",
                        "SELECT AVG(age) FROM singer WHERE country = 'Germany'"),
                Arguments.of(
                        "'how many people live' is a sum of population",
                        "How many people live in the cities of France?",
                        "SELECT SUM(population) FROM city WHERE country_name = 'France'",
                        "SELECT AVG(population) FROM city WHERE country_name = 'France'"),
                Arguments.of(
                        "a sum divided by a count is an average",
                        "What is the average number of credits of the courses?",
                        "SELECT CAST(SUM(credits) AS REAL) / COUNT(course_id) FROM course",
                        "SELECT SUM(credits) FROM course"),
                Arguments.of(
                        "summing IIF(condition, 1, 0) counts the rows where the condition holds",
                        "How many more female than male customers are there?",
                        "SELECT SUM(IIF(gender = 'F', 1, 0)) - SUM(IIF(gender = 'M', 1, 0)) FROM customer",
                        "SELECT SUM(customer_id) FROM customer WHERE gender = 'F'"),
                Arguments.of(
                        "summing a comparison counts the rows where it holds",
                        "How many more female than male customers are there?",
                        "SELECT SUM(gender = 'F') - SUM(gender = 'M') FROM customer",
                        null),
                Arguments.of(
                        "a comparative may name its measure before 'than' ('a greater weight than 10')",
                        "How many pets have a greater weight than 10?",
                        "SELECT COUNT(*) FROM pets WHERE weight > 10",
                        "SELECT COUNT(*) FROM pets WHERE weight < 10"),
                Arguments.of(
                        "'larger than any' compares with the largest",
                        "Which Asian nations have a population that is larger than any nation in Africa?",
                        "SELECT nation_name FROM nation WHERE continent = 'Asia' AND population > "
                                + "(SELECT MAX(population) FROM nation WHERE continent = 'Africa')",
                        "SELECT nation_name FROM nation WHERE continent = 'Asia' AND population < "
                                + "(SELECT MAX(population) FROM nation WHERE continent = 'Africa')"),
                Arguments.of(
                        "'predominantly' asks for the largest share",
                        "What language is predominantly spoken in nation ABW?",
                        "SELECT language FROM nation_language WHERE nation_code = 'ABW' ORDER BY percentage DESC LIMIT 1",
                        "SELECT language FROM nation_language WHERE nation_code = 'ABW' ORDER BY percentage ASC LIMIT 1"),
                Arguments.of(
                        "a range between two dates asks for the years inside it",
                        "How many exams were held between 1987/7/6 and 1996/1/31?",
                        "SELECT COUNT(*) FROM exam WHERE exam_date BETWEEN '1987-07-06' AND '1996-01-31'",
                        "SELECT COUNT(*) FROM exam WHERE exam_date BETWEEN '1987-07-06' AND '2006-01-31'"),
                Arguments.of(
                        "characters 6-7 of a text date are its month",
                        "How many expenses were made in September?",
                        "SELECT COUNT(*) FROM expense WHERE SUBSTR(expense_date, 6, 2) = '09'",
                        "SELECT COUNT(*) FROM expense WHERE SUBSTR(expense_date, 6, 2) = '10'"),
                Arguments.of(
                        "a number in a column's name is that column, not a value",
                        "Which schools have a K-12 enrollment of over 500?",
                        "SELECT school_name FROM frpm WHERE `Enrollment (K-12)` > 500",
                        "SELECT school_name FROM frpm WHERE `Enrollment (Ages 5-17)` > 500"),
                Arguments.of(
                        "characters 1-7 of a text date are its year and month",
                        "How many matches were held in April 2009?",
                        "SELECT COUNT(*) FROM match WHERE SUBSTR(match_date, 1, 7) = '2009-04'",
                        "SELECT COUNT(*) FROM match WHERE SUBSTR(match_date, 1, 7) = '2009-05'"),
                Arguments.of(
                        "a value is asked by its adjective ('success' by \"successful\")",
                        "How many successful transactions were made?",
                        "SELECT COUNT(*) FROM transactions WHERE status = 'success'",
                        "SELECT COUNT(*) FROM transactions WHERE status = 'failed'"),
                Arguments.of(
                        "a date written in words is its year; the day is no value",
                        "How many sales were made on or after January 1, 2023?",
                        "SELECT COUNT(*) FROM sale WHERE sale_date >= '2023-01-01'",
                        "SELECT COUNT(*) FROM sale WHERE sale_date >= '2022-01-01'"),
                Arguments.of(
                        "days and months written in words within a year the question names",
                        "How many sales were made in the year 2022 (from Jan 1st to Dec 31st inclusive)?",
                        "SELECT COUNT(*) FROM sale WHERE sale_date BETWEEN '2022-01-01' AND '2022-12-31'",
                        "SELECT COUNT(*) FROM sale WHERE sale_date BETWEEN '2021-01-01' AND '2021-12-31'"),
                Arguments.of(
                        "'excluding the current month' ends a recent period; it is no negation",
                        "How many sales were made in the last 6 months excluding the current month?",
                        "SELECT COUNT(*) FROM sale WHERE sale_date >= date('now', 'start of month', '-6 months')"
                                + " AND sale_date < date('now', 'start of month')",
                        "SELECT COUNT(*) FROM sale"),
                Arguments.of(
                        "'the past 6 calendar months' is a recent period",
                        "What is the total amount of sales in the past 6 calendar months?",
                        "SELECT SUM(amount) FROM sale WHERE sale_date >= date('now', 'start of month', '-6 months')",
                        "SELECT SUM(amount) FROM sale"),
                Arguments.of(
                        "'in each of the last 8 weeks' is one figure per week",
                        "How many sales were made in each of the last 8 weeks?",
                        "SELECT DATE_TRUNC('week', sale_date), COUNT(*) FROM sale"
                                + " WHERE sale_date >= date('now', '-56 days') GROUP BY 1",
                        "SELECT COUNT(*) FROM sale WHERE sale_date >= date('now', '-56 days')"),
                Arguments.of(
                        "'the number of days between' two dates is a length of time; decimal places are a format",
                        "What is the average number of days between the sale date and the payment date,"
                                + " rounded to 2 decimal places?",
                        "SELECT ROUND(AVG(julianday(p.payment_date) - julianday(s.sale_date)), 2)"
                                + " FROM sale s JOIN payment p ON p.sale_id = s.sale_id",
                        "SELECT COUNT(*) FROM sale s JOIN payment p ON p.sale_id = s.sale_id"),
                Arguments.of(
                        "'Total Sales Count' counts",
                        "What is the Total Sales Count in the past 7 days?",
                        "SELECT COUNT(sale_id) FROM sale WHERE sale_date >= date('now', '-7 days')",
                        "SELECT SUM(amount) FROM sale WHERE sale_date >= date('now', '-7 days')"),
                Arguments.of(
                        "'how many total active customers' counts",
                        "How many total active customers are there?",
                        "SELECT COUNT(*) FROM customer WHERE is_active = 1",
                        null),
                Arguments.of(
                        "a period between a day relative to today and today is recent",
                        "How many sales were made in the past 7 days, inclusive of today?",
                        "SELECT COUNT(*) FROM sale WHERE sale_date BETWEEN date('now', '-6 days') AND date('now')",
                        "SELECT COUNT(*) FROM sale"),
                Arguments.of(
                        "a period between a date and that date plus an interval is no recent period",
                        "Which payments were made within 10 days after the sale date?",
                        "SELECT p.payment_id FROM payment p JOIN sale s ON p.sale_id = s.sale_id"
                                + " WHERE p.payment_date BETWEEN s.sale_date AND s.sale_date + INTERVAL '10 days'",
                        null),
                Arguments.of(
                        "'the 1st quarter of 2023' is the quarter's dates; the 1 is no value",
                        "What is the total amount of sales in the 1st quarter of 2023?",
                        "SELECT SUM(amount) FROM sale WHERE sale_date >= '2023-01-01' AND sale_date < '2023-04-01'",
                        "SELECT SUM(amount) FROM sale WHERE sale_date >= '2022-01-01' AND sale_date < '2022-04-01'"),
                Arguments.of(
                        "'the previous ISO week' is a recent period; 'ISO' is no value",
                        "What is the total amount of the payments received in the whole of the previous ISO week"
                                + " not including the current week?",
                        "SELECT SUM(amount) FROM payment WHERE payment_date >= DATE_TRUNC('week', CURRENT_DATE)"
                                + " - INTERVAL '1 week' AND payment_date < DATE_TRUNC('week', CURRENT_DATE)",
                        "SELECT SUM(amount) FROM payment"),
                Arguments.of(
                        "'the last 3 full weeks' is a recent period; 3 is no value",
                        "How many sales were made in the last 3 full weeks?",
                        "SELECT COUNT(*) FROM sale WHERE sale_date >= date('now', 'weekday 0', '-28 days')",
                        "SELECT COUNT(*) FROM sale"),
                Arguments.of(
                        "'split by the payment_method' groups by the column written as its name",
                        "What is the total amount of payments received in 2023, split by the payment_method?",
                        "SELECT payment_method, SUM(payment_amount) FROM payments_received"
                                + " WHERE payment_date >= '2023-01-01' AND payment_date < '2024-01-01' GROUP BY payment_method",
                        "SELECT SUM(payment_amount) FROM payments_received"
                                + " WHERE payment_date >= '2023-01-01' AND payment_date < '2024-01-01'"),
                Arguments.of(
                        "'by the Student_Club' names a club, not a column to group by",
                        "What is the total amount spent in all events by the Student_Club in 2019?",
                        "SELECT SUM(b.spent) FROM event e JOIN budget b ON b.link_to_event = e.event_id"
                                + " WHERE SUBSTR(e.event_date, 1, 4) = '2019'",
                        null),
                Arguments.of(
                        "a date compared with another date plus an interval is no recent period",
                        "Which merchants had a coupon starting within a year of the merchant's registration?",
                        "SELECT m.mid FROM merchants m JOIN coupons c ON c.merchant_id = m.mid"
                                + " WHERE c.start_date <= m.created_at + INTERVAL '1 year'",
                        null),
                Arguments.of(
                        "a row number kept to 1 is the latest row of each group, not a value 1",
                        "What is the latest marketing opt-in setting of each user? Return the user ID and the setting.",
                        "WITH latest AS (SELECT user_id, marketing_opt_in, ROW_NUMBER() OVER (PARTITION BY user_id"
                                + " ORDER BY created_at DESC) AS rn FROM user_setting_snapshot)"
                                + " SELECT user_id, marketing_opt_in FROM latest WHERE rn = 1",
                        "WITH latest AS (SELECT user_id, marketing_opt_in, ROW_NUMBER() OVER (PARTITION BY user_id"
                                + " ORDER BY created_at DESC) AS rn FROM user_setting_snapshot)"
                                + " SELECT user_id, marketing_opt_in FROM latest WHERE rn = 2"),
                Arguments.of(
                        "a key written as its table's initials and 'id' is the 'coupon ID' the question asks for",
                        "Which coupons did each merchant create? Return the merchant name and the coupon ID.",
                        "SELECT m.name, c.cid FROM merchants m JOIN coupons c ON c.merchant_id = m.mid",
                        "SELECT m.name, c.cid FROM merchants m JOIN coupons c ON c.merchant_id = m.mid"
                                + " WHERE c.code = 'WELCOME'"),
                Arguments.of(
                        "'by authors who …' says who wrote them, not a breakdown per author",
                        "What is the number of publications by authors who have the name 'Alice'?",
                        "SELECT COUNT(*) FROM publication p JOIN writes w ON w.pid = p.pid JOIN author a ON a.aid = w.aid"
                                + " WHERE a.name = 'Alice'",
                        "SELECT COUNT(*) FROM publication p JOIN writes w ON w.pid = p.pid JOIN author a ON a.aid = w.aid"),
                Arguments.of(
                        "'by author' alone is a breakdown per author",
                        "What is the number of publications by author in 2020?",
                        "SELECT a.name, COUNT(*) FROM publication p JOIN writes w ON w.pid = p.pid"
                                + " JOIN author a ON a.aid = w.aid WHERE p.year = 2020 GROUP BY a.name",
                        "SELECT COUNT(*) FROM publication p JOIN writes w ON w.pid = p.pid JOIN author a ON a.aid = w.aid"
                                + " WHERE p.year = 2020"),
                Arguments.of(
                        "'over 19' on whole numbers is >= 20, not > 20",
                        "How many cities have a population of over 19?",
                        "SELECT COUNT(*) FROM city WHERE population >= 20",
                        "SELECT COUNT(*) FROM city WHERE population > 20"),
                Arguments.of(
                        "'under 70' on whole numbers is <= 69, not < 69",
                        "How many cities have a population under 70?",
                        "SELECT COUNT(*) FROM city WHERE population <= 69",
                        "SELECT COUNT(*) FROM city WHERE population < 69"),
                Arguments.of(
                        "'at least 3' is > 2, not >= 2",
                        "How many cities have a population of at least 3?",
                        "SELECT COUNT(*) FROM city WHERE population > 2",
                        "SELECT COUNT(*) FROM city WHERE population >= 2"),
                Arguments.of(
                        "two bounds on one number are each written their own way",
                        "What is the ratio of cities with a population of 2 or more to cities with less than 2?",
                        "SELECT COUNT(CASE WHEN population > 1 THEN 1 END) * 1.0 / COUNT(CASE WHEN population < 2 THEN 1"
                                + " END) FROM city",
                        "SELECT COUNT(CASE WHEN population >= 1 THEN 1 END) * 1.0 / COUNT(CASE WHEN population < 2 THEN 1"
                                + " END) FROM city"),
                Arguments.of(
                        "'not just' asks for more and excludes nothing",
                        "What is the total population of all cities, not just the big ones?",
                        "SELECT SUM(population) FROM city",
                        "SELECT COUNT(population) FROM city"),
                Arguments.of(
                        "'more than 2' is > 2, not >= 2",
                        "How many cities have a population of more than 2?",
                        "SELECT COUNT(*) FROM city WHERE population > 2",
                        "SELECT COUNT(*) FROM city WHERE population >= 2"),
                Arguments.of(
                        "'at least 3' is >= 3, not > 3",
                        "How many cities have a population of at least 3?",
                        "SELECT COUNT(*) FROM city WHERE population >= 3",
                        "SELECT COUNT(*) FROM city WHERE population > 3"),
                Arguments.of(
                        "'under 70' is < 70, not <= 70",
                        "How many cities have a population under 70?",
                        "SELECT COUNT(*) FROM city WHERE population < 70",
                        "SELECT COUNT(*) FROM city WHERE population <= 70"),
                Arguments.of(
                        "'5 or fewer' is <= 5, not < 5",
                        "How many cities have a population of 5 or fewer?",
                        "SELECT COUNT(*) FROM city WHERE population <= 5",
                        "SELECT COUNT(*) FROM city WHERE population < 5"),
                Arguments.of(
                        "'not more than 5' is <= 5, written < 6",
                        "How many cities have a population of not more than 5?",
                        "SELECT COUNT(*) FROM city WHERE population < 6",
                        "SELECT COUNT(*) FROM city WHERE population >= 6"),
                Arguments.of(
                        "'exceeding 10' on whole numbers is >= 11, not > 11",
                        "How many cities have a population exceeding 10?",
                        "SELECT COUNT(*) FROM city WHERE population >= 11",
                        "SELECT COUNT(*) FROM city WHERE population > 11"),
                Arguments.of(
                        "'up to 4' is < 5, not <= 5",
                        "How many cities have a population of up to 4?",
                        "SELECT COUNT(*) FROM city WHERE population < 5",
                        "SELECT COUNT(*) FROM city WHERE population <= 5"),
                Arguments.of(
                        "'7 or greater' is > 6, not >= 6",
                        "How many cities have a population of 7 or greater?",
                        "SELECT COUNT(*) FROM city WHERE population > 6",
                        "SELECT COUNT(*) FROM city WHERE population >= 6"),
                Arguments.of(
                        "a rank kept to 3 or fewer is the top 3 of each group",
                        "What are the top 3 products by revenue in each category?",
                        "SELECT category, product, revenue FROM (SELECT category, product, revenue, RANK() OVER"
                                + " (PARTITION BY category ORDER BY revenue DESC) AS r FROM product_sales) ranked"
                                + " WHERE r <= 3",
                        "SELECT category, product, revenue FROM (SELECT category, product, revenue, RANK() OVER"
                                + " (PARTITION BY category ORDER BY revenue DESC) AS r FROM product_sales) ranked"
                                + " WHERE r <= 5"),
                Arguments.of(
                        "'2 years ago' is a period counted back from today",
                        "How many students registered 2 years ago?",
                        "SELECT COUNT(*) FROM student WHERE date_registered >= date('now', '-2 years')",
                        null),
                Arguments.of(
                        "a grouping by the alias of a month is the breakdown 'monthly' asks for",
                        "What is the monthly total amount of sales in 2023?",
                        "SELECT DATE_TRUNC('month', sale_date) AS month, SUM(amount) FROM sale"
                                + " WHERE sale_date LIKE '2023%' GROUP BY month",
                        "SELECT DATE_TRUNC('year', sale_date) AS year, SUM(amount) FROM sale"
                                + " WHERE sale_date LIKE '2023%' GROUP BY year"),
                Arguments.of(
                        "a division's guard against zero restricts nothing",
                        "What is the average amount of the sales in the previous month?",
                        "SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE SUM(amount) / COUNT(*) END FROM sale"
                                + " WHERE sale_date >= date('now', 'start of month', '-1 month')"
                                + " AND sale_date < date('now', 'start of month')",
                        "SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE SUM(amount) / COUNT(*) END FROM sale"
                                + " WHERE amount > 100 AND sale_date >= date('now', 'start of month', '-1 month')"
                                + " AND sale_date < date('now', 'start of month')"));
    }

    /**
     * Instructions speak of the whole database: an aggregate they mention ("its average amount") does
     * not make the SQL's aggregate asked for, while a restriction they define may justify the SQL's.
     */
    @Test
    void instructionsJustifyRestrictionsNotAggregates() {
        String instructions =
                "Assume the amount of a sale to be its average amount. Only count successful transactions.";
        String question = "How many transactions were made in 2023?";
        Agreement average = new AgreementScorer()
                .score(
                        question,
                        instructions,
                        new SqlBackTranslator()
                                .describe(
                                        "SELECT AVG(txn_id) FROM transactions WHERE created_at LIKE '2023%'",
                                        Dialect.SQLITE, SCHEMA),
                        SCHEMA);
        String success = "SELECT COUNT(*) FROM transactions WHERE status = 'success' AND created_at LIKE '2023%'";
        Agreement justified = new AgreementScorer()
                .score(
                        question,
                        instructions,
                        new SqlBackTranslator().describe(success, Dialect.SQLITE, SCHEMA),
                        SCHEMA);
        Agreement unjustified = new AgreementScorer()
                .score(question, new SqlBackTranslator().describe(success, Dialect.SQLITE, SCHEMA), SCHEMA);
        assertThat(average.verdict()).as("%s", average).isNotEqualTo(Verdict.AGREES);
        assertThat(justified.extraInSql()).as("%s", justified).isEmpty();
        assertThat(unjustified.extraInSql()).as("%s", unjustified).isNotEmpty();
    }

    /**
     * Hints are text a client sends: a long run of date-like and period-like words is read in time, and
     * what it never mentions stays unasked.
     */
    @Test
    void hostileHintsAreReadAndJustifyOnlyWhatTheyMention() {
        String hints = "Jan 1st of 2023 excluding the current month, 31 December ".repeat(300)
                + "(".repeat(2_000)
                + " = ".repeat(2_000);
        String sql = "SELECT COUNT(*) FROM sale WHERE amount > 100";
        Agreement a = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new AgreementScorer()
                .score(
                        "How many sales were made?",
                        hints,
                        new SqlBackTranslator().describe(sql, Dialect.SQLITE, SCHEMA),
                        SCHEMA));
        assertThat(a.verdict()).as("%s", a).isNotEqualTo(Verdict.AGREES);
        assertThat(a.extraKinds()).contains(ConceptKind.COMPARE);
    }

    /**
     * A term the instructions define by a formula: the term is no word the SQL must show, and what the
     * formula mentions ("successful") may justify the SQL's restriction without being asked in words.
     */
    @Test
    void aTermDefinedByAFormulaIsReadFromTheInstructions() {
        String instructions = "STR (success transaction rate) = number of successful transactions"
                + " / total number of transactions";
        String question =
                DefinedTerms.expanded("What was the STR for transactions in the previous month?", instructions);
        String right = "SELECT SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM transactions"
                + " WHERE created_at >= date('now', 'start of month', '-1 month')"
                + " AND created_at < date('now', 'start of month')";
        String wrong = right + " AND txn_id > 100";
        Agreement good = new AgreementScorer()
                .score(question, instructions, new SqlBackTranslator().describe(right, Dialect.SQLITE, SCHEMA), SCHEMA);
        Agreement bad = new AgreementScorer()
                .score(question, instructions, new SqlBackTranslator().describe(wrong, Dialect.SQLITE, SCHEMA), SCHEMA);
        Agreement unread = new AgreementScorer()
                .score(
                        "What was the STR for transactions in the previous month?",
                        new SqlBackTranslator().describe(right, Dialect.SQLITE, SCHEMA),
                        SCHEMA);
        assertThat(question)
                .isEqualTo("What was the for transactions in the previous month? STR = number of successful"
                        + " transactions / total number of transactions.");
        assertThat(good.verdict()).as("%s", good).isEqualTo(Verdict.AGREES);
        assertThat(bad.verdict()).as("%s", bad).isNotEqualTo(Verdict.AGREES);
        assertThat(unread.score()).as("%s", unread).isLessThan(good.score());
        // written without a question mark, the definition is still a clause of its own
        assertThat(DefinedTerms.expanded("show the STR of last month", instructions))
                .isEqualTo("show the of last month. STR = number of successful transactions / total number of"
                        + " transactions.");
    }

    /** "TSC = Total Sales Count": the words of an abbreviation are no name the SQL must filter on. */
    @Test
    void anAbbreviationSpelledOutInCapitalsIsNoValue() {
        SchemaSnapshot dealer = new SchemaSnapshot(
                Dialect.SQLITE,
                null,
                List.of(table("sales", "id:int", "sale_price:real", "sale_date:text")),
                Instant.EPOCH);
        String instructions = "TSC = Total Sales Count.";
        String question = DefinedTerms.expanded("What is the TSC in 2023?", instructions);
        String right =
                "SELECT COUNT(id) AS tsc FROM sales WHERE sale_date >= '2023-01-01' AND sale_date < '2024-01-01'";
        Agreement good = new AgreementScorer()
                .score(question, instructions, new SqlBackTranslator().describe(right, Dialect.SQLITE, dealer), dealer);
        assertThat(good.verdict()).as("%s", good).isEqualTo(Verdict.AGREES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rightSqlAgreesAndWrongSqlIsFlagged(String rule, String question, String right, String wrong) {
        Agreement good = score(question, right);
        assertThat(good.verdict()).as("%s%n%s", right, good).isEqualTo(Verdict.AGREES);
        if (wrong != null) {
            Agreement bad = score(question, wrong);
            assertThat(bad.verdict()).as("%s%n%s", wrong, bad).isNotEqualTo(Verdict.AGREES);
            assertThat(bad.score()).isLessThan(good.score());
        }
    }

    /** Every name carries "sb", each table's columns their own start: the SQL is read as the question is. */
    @Test
    void namesThatAllCarryOnePrefixAreReadWithoutIt() {
        SchemaSnapshot broker = new SchemaSnapshot(
                Dialect.SQLITE,
                null,
                List.of(
                        table(
                                "sbcustomer",
                                "sbcustid:text",
                                "sbcustname:text",
                                "sbcustcountry:text",
                                "sbcuststate:text"),
                        table("sbtransaction", "sbtxid:text", "sbtxcustid:text", "sbtxstatus:text", "sbtxamount:real")),
                Instant.EPOCH);
        String question = "What are the top 5 countries by number of customers? Return the country and the number.";
        String right = "SELECT sbcustcountry, COUNT(*) FROM sbcustomer GROUP BY sbcustcountry"
                + " ORDER BY COUNT(*) DESC LIMIT 5";
        Agreement good = new AgreementScorer()
                .score(question, new SqlBackTranslator().describe(right, Dialect.SQLITE, broker), broker);
        Agreement bad = new AgreementScorer()
                .score(
                        question,
                        new SqlBackTranslator()
                                .describe(right.replace("sbcustcountry", "sbcuststate"), Dialect.SQLITE, broker),
                        broker);
        assertThat(good.verdict()).as("%s", good).isEqualTo(Verdict.AGREES);
        assertThat(bad.verdict()).as("%s", bad).isNotEqualTo(Verdict.AGREES);
    }

    @Test
    void anOddJoinWeighsMoreThanAnUnaskedLimit() {
        Agreement limit = score("List the titles of publications", "SELECT title FROM publication LIMIT 5");
        Agreement join = score(
                "List the titles of publications",
                "SELECT publication.title FROM publication JOIN journal ON publication.year = journal.jid");
        assertThat(limit.extraKinds()).containsExactly(ConceptKind.LIMIT);
        assertThat(join.extraKinds()).containsExactly(ConceptKind.ODD);
        assertThat(join.score()).isLessThan(limit.score());
    }

    @Test
    void theKindsOfMismatchAreTyped() {
        Agreement a = score(
                "List the titles of publications from 2015", "SELECT title, pid FROM publication WHERE year = 2016");
        assertThat(a.missingKinds()).containsExactly(ConceptKind.YEAR);
        assertThat(a.extraKinds()).contains(ConceptKind.YEAR, ConceptKind.COLUMN);
        assertThat(score("How many courses are there?", "SELECT COUNT(*) FROM course")
                        .missingKinds())
                .isEmpty();
    }
}
