package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Set look-ups and changes on embedded Derby, one execution per key (PostgreSQL's array form runs in its IT suite). */
class KeySetsTest {

    private Connection c;

    @BeforeEach
    void setUp() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:keysets-" + UUID.randomUUID());
        ds.setCreateDatabase("create");
        c = ds.getConnection();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (k CHAR(8) NOT NULL, v INT NOT NULL)");
            s.executeUpdate("CREATE INDEX ix_t ON t (k)");
            s.executeUpdate("INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 3), ('c', 4)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        c.close();
    }

    @Test
    void derbyIsAskedOneKeyAtATime() throws Exception {
        assertFalse(KeySets.setBased(c));
    }

    @Test
    void aLookUpHandsOverTheRowsOfEveryKeyAndNothingForAnUnknownOne() throws Exception {
        List<String> found = new ArrayList<>();
        KeySets.select(
                c,
                "SELECT k, v FROM t WHERE k",
                List.of("a", "c", "zz"),
                rs -> found.add(rs.getString(1).strip() + rs.getInt(2)));
        assertEquals(Set.of("a1", "a2", "c4"), new TreeSet<>(found));
        assertEquals(3, found.size());
    }

    @Test
    void noKeysAskNothing() throws Exception {
        List<String> found = new ArrayList<>();
        KeySets.select(c, "SELECT k FROM no_such_table WHERE k", List.of(), rs -> found.add(rs.getString(1)));
        assertEquals(List.of(), found);
        assertEquals(0, KeySets.delete(c, "no_such_table", "k", List.of()));
    }

    @Test
    void aDeleteCountsTheRowsOfEveryKeyAndLeavesTheOthers() throws Exception {
        assertEquals(3, KeySets.delete(c, "t", "k", List.of("a", "b", "zz")));
        assertEquals(0, KeySets.delete(c, "t", "k", List.of("a", "zz")));
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT k FROM t")) {
            List<String> left = new ArrayList<>();
            while (rs.next()) {
                left.add(rs.getString(1).strip());
            }
            assertEquals(List.of("c"), left);
        }
    }
}
