package org.excerptbot.core.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A second process for {@link SharedEmbeddedDatabaseTest}: opens the embedded database in the directory it is
 * given, says {@code ready}, and when its standard input ends prints how many subscriptions it sees and exits.
 */
public final class HoldEmbeddedDatabase {
    private HoldEmbeddedDatabase() {}

    public static void main(String[] args) throws Exception {
        try (Database db = Database.embedded(Path.of(args[0]))) {
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // wait for the end of input
            }
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM subscription")) {
                rs.next();
                System.out.println("subscriptions=" + rs.getInt(1));
            }
        }
    }
}
