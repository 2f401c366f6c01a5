package org.crisisreplay;

import org.crisisreplay.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** crisis-replay: replay a crisis day by day, query any date, and run what-if scenarios. */
@SpringBootApplication
public class CrisisReplayApplication {

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
