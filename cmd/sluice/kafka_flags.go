package main

import (
	"flag"
	"io"
	"log/slog"
	"strings"
)

// defaultBrokerAddr is where "sluice run" puts its embedded broker and where
// the helper commands look for a broker by default.
const defaultBrokerAddr = "127.0.0.1:9092"

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// logFlags registers --log-format and --log-level and returns a function
// that builds the logger once flags are parsed.
func logFlags(fs *flag.FlagSet, stderr io.Writer) func() *slog.Logger {
	format := fs.String("log-format", "text", "log format: text or json")
	level := fs.String("log-level", "info", "log level: debug, info, warn or error")
	return func() *slog.Logger {
		var l slog.Level
		if err := l.UnmarshalText([]byte(*level)); err != nil {
			l = slog.LevelInfo
		}
		opts := &slog.HandlerOptions{Level: l}
		if *format == "json" {
			return slog.New(slog.NewJSONHandler(stderr, opts))
		}
		return slog.New(slog.NewTextHandler(stderr, opts))
	}
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set appends v.
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
