package dev.querent.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerentApplication {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("eval")) {
            try {
                dev.querent.api.eval.EvalCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            } catch (IllegalArgumentException e) {
                // Bad options or files: say what is wrong, no stack trace.
                System.err.println("querent eval: " + e.getMessage());
                System.exit(2);
            }
            return;
        }
        SpringApplication.run(QuerentApplication.class, args);
    }
}
