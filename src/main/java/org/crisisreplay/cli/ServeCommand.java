package org.crisisreplay.cli;

import org.crisisreplay.store.StoreUrl;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the HTTP API (/api/...) and a web page to browse the scenarios.",
                "Listens on 127.0.0.1 unless told otherwise; stop it with Ctrl-C."})
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "the port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    ServeCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
        }
        Engine engine = workspace.engine();
        engine.enableWeb(host, port);
        if (StoreUrl.isPostgres(engine.location().url()) || StoreUrl.isPostgres(System.getenv("SPRING_DATASOURCE_URL"))) {
            // a shared store: other instances may serve it too; they split the projection's segments
            engine.shareProjection();
        }
        ConfigurableApplicationContext context = engine.context();
        String actual = context.getEnvironment().getProperty("local.server.port", Integer.toString(port));
        spec.commandLine().getOut().println("crisis-replay serving on http://" + host + ":" + actual + "/");
        spec.commandLine().getOut().flush();
        while (context.isActive()) {
            Thread.sleep(500);
        }
        return Cli.OK;
    }
}
