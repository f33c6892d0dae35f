package org.mniststudio.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.mniststudio.model.AppInfo;

/**
 * The command line: the same core as the window, without one. Errors are one clear line on stderr and
 * a non-zero exit code; --help on every command.
 */
@Command(name = "mnist-studio", mixinStandardHelpOptions = true, versionProvider = CliMain.Version.class,
        description = "Draw, train and inspect digit classifiers on MNIST. Without a command, opens the window.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class CliMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** A configured command line writing to the given streams (tests capture them). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CliMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + CliSupport.message(e));
            commandLine.getErr().flush();
            return e instanceof CliSupport.NothingDoneException ? 1 : 2;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version()};
        }
    }
}
