import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Answers a few counting queries on a stopped server's database: java -cp <derby jars> bench/Count.java DBPATH SQL...
 * (DBPATH a Derby folder, or a jdbc:postgresql: URL with the PostgreSQL driver on the class path).
 */
public class Count {
    public static void main(String[] args) throws Exception {
        boolean postgres = args[0].startsWith("jdbc:postgresql:");
        try (Connection c = postgres
                        ? DriverManager.getConnection(args[0], "consent", "consent")
                        : DriverManager.getConnection("jdbc:derby:" + args[0]);
                Statement s = c.createStatement()) {
            for (int i = 1; i < args.length; i++) {
                try (ResultSet rs = s.executeQuery(args[i])) {
                    rs.next();
                    System.out.println(rs.getLong(1));
                }
            }
        }
        if (postgres) {
            return;
        }
        try {
            DriverManager.getConnection("jdbc:derby:" + args[0] + ";shutdown=true");
        } catch (java.sql.SQLException expected) {
            // a clean shutdown is reported as an exception
        }
    }
}
