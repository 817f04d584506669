// Command sluice cleans scraped news pages: offline on files with
// "sluice clean", or as a Kafka stream processor with "sluice run".
//
// Run "sluice help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

var commands = []command{
	{"clean", "clean files or stdin, write JSON Lines to stdout", runClean},
	{"run", "consume raw pages from Kafka, publish clean records", runRun},
	{"replay", "process a window of the input topic again (by time or offset)", runReplay},
	{"offsets", "reset a consumer group's offsets (by time or offset) while it is stopped", runOffsets},
	{"redrive", "send dead letters back to the input topic after a fix", runRedrive},
	{"status", "a pipeline at a glance: group, offsets and lag, dead letters by class", runStatus},
	{"broker", "run the embedded Kafka-protocol broker on its own", runBroker},
	{"produce", "send files to a topic as page envelopes", runProduce},
	{"consume", "print the records of a topic as JSON Lines", runConsume},
	{"eval", "score the cleaner on a corpus of cases (as score-corpus does)", runEval},
	{"lint", "validate the built-in and user rule files", runLint},
	{"version", "print the version", func(_ context.Context, _ []string, _ io.Reader, stdout, _ io.Writer) error {
		_, err := fmt.Fprintln(stdout, "sluice", version)
		return err
	}},
}

// errUsage marks a command-line error; main exits 2 for it.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdin, stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "sluice %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(stderr, "sluice %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "sluice: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "sluice washes scraped news pages clean.\n\nUsage: sluice COMMAND [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"sluice COMMAND -h\" for a command's flags.")
}

// newFlags returns a flag set for a subcommand that reports errors instead
// of exiting; -h prints usage, when not empty, and then the flags.
func newFlags(name string, stderr io.Writer, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("sluice "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if usage != "" {
		fs.Usage = func() {
			fmt.Fprint(stderr, usage)
			fs.PrintDefaults()
		}
	}
	return fs
}

// noArguments refuses arguments after the flags.
func noArguments(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	return nil
}

// parseFlags parses args, wrapping a parse error in errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
