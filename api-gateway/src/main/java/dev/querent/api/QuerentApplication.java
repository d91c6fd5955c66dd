package dev.querent.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerentApplication {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("eval")) {
            dev.querent.api.eval.EvalCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(QuerentApplication.class, args);
    }
}
