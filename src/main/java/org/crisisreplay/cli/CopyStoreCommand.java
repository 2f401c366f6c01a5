package org.crisisreplay.cli;

import org.crisisreplay.store.HighWaterMark;
import org.crisisreplay.store.Store;
import org.crisisreplay.store.StoreCopy;
import org.crisisreplay.store.StoreUrl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "copy-store", mixinStandardHelpOptions = true,
        description = {"Copies every stored event stream (and the projection) into an empty store, between the",
                "H2 file and PostgreSQL in either direction: same events, ids and order, same answers.",
                "A store is postgresql://HOST:PORT/DB (user and password from the URL or PGUSER/PGPASSWORD),",
                "a JDBC URL, or the path of an H2 file store (e.g. data/crisis-replay)."})
class CopyStoreCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "STORE", description = "the store to copy (default: the store in use)")
    String from;

    @Option(names = "--to", paramLabel = "STORE", required = true, description = "an empty store to copy into")
    String to;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    CopyStoreCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        Engine engine = workspace.engine();
        Store.Location source;
        Store.Location target;
        try {
            source = from == null ? engine.location() : StoreUrl.parse(from, System.getenv(), "sa", "");
            target = StoreUrl.parse(to, System.getenv(), "sa", "");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (source.url().equals(target.url())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from and --to name the same store");
        }
        try (Store in = Store.open(source, engine.lockWait(), workspace.err());
             Store out = Store.open(target, engine.lockWait(), workspace.err())) {
            StoreCopy.Copied copied = StoreCopy.copy(in, out);
            new HighWaterMark(out.sql(), target.url()).record();
            PrintWriter w = spec.commandLine().getOut();
            w.printf("copied %d events from %s to %s%n", copied.events(), StoreUrl.redact(source.url()), StoreUrl.redact(target.url()));
            for (int i = 0; i < copied.tables().size(); i++) {
                w.printf("  %-20s %d rows%n", copied.tables().get(i), copied.rows().get(i));
            }
            w.flush();
        }
        return Cli.OK;
    }
}
