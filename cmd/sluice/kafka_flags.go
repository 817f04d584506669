package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/sluice-news/sluice/pipeline"
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
	return func() *slog.Logger { return newLogger(stderr, *format, *level) }
}

// kafkaFlags registers --brokers and the --tls and --sasl flags and returns
// a function that builds the Kafka settings once flags are parsed.
func kafkaFlags(fs *flag.FlagSet) func() (pipeline.Kafka, error) {
	brokers := fs.String("brokers", defaultBrokerAddr, "comma-separated Kafka bootstrap `addresses`")
	var t tlsConfig
	var s saslConfig
	t.register(fs)
	s.register(fs)
	return func() (pipeline.Kafka, error) {
		if v, ok := os.LookupEnv("SLUICE_SASL_PASSWORD"); ok && s.Password == "" {
			s.Password = v
		}
		k, err := kafkaSettings(splitList(*brokers), t, s)
		if err != nil {
			return k, fmt.Errorf("%w: %v", errUsage, err)
		}
		return k, nil
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
