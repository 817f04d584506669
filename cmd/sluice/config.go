package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/sluice-news/sluice/pipeline"
	"go.yaml.in/yaml/v3"
)

// runConfig is the configuration of "sluice run". Each setting comes from,
// in increasing precedence: its default, the YAML file named by --config
// (or SLUICE_CONFIG), the environment variable SLUICE_<FLAG> (--max-bytes is
// SLUICE_MAX_BYTES), and the flag. The YAML keys are the flag names with
// underscores (max_bytes), except tls and sasl, which are sections; unknown
// keys are errors.
type runConfig struct {
	Brokers          []string      `yaml:"brokers"`
	EmbeddedAddr     string        `yaml:"embedded_addr"`
	DataDir          string        `yaml:"data_dir"`
	Group            string        `yaml:"group"`
	In               string        `yaml:"in"`
	Out              string        `yaml:"out"`
	DLQ              string        `yaml:"dlq"`
	Partitions       int           `yaml:"partitions"`
	MaxBytes         int           `yaml:"max_bytes"`
	Batch            int           `yaml:"batch"`
	Workers          int           `yaml:"workers"`
	MaxInFlightBytes int64         `yaml:"max_in_flight_bytes"`
	RecordTimeout    time.Duration `yaml:"record_timeout"`
	DrainTimeout     time.Duration `yaml:"drain_timeout"`
	SessionTimeout   time.Duration `yaml:"session_timeout"`
	Compression      string        `yaml:"compression"`
	Format           string        `yaml:"format"`
	Rules            []string      `yaml:"rules"`
	HTTPAddr         string        `yaml:"http_addr"`
	Pprof            bool          `yaml:"pprof"`
	LogFormat        string        `yaml:"log_format"`
	LogLevel         string        `yaml:"log_level"`
	TLS              tlsConfig     `yaml:"tls"`
	SASL             saslConfig    `yaml:"sasl"`
}

// tlsConfig is the TLS section of a configuration, and the --tls flags.
type tlsConfig struct {
	Enabled            bool   `yaml:"enabled"`
	CAFile             string `yaml:"ca_file"`
	CertFile           string `yaml:"cert_file"`
	KeyFile            string `yaml:"key_file"`
	ServerName         string `yaml:"server_name"`
	InsecureSkipVerify bool   `yaml:"insecure_skip_verify"`
}

// saslConfig is the SASL section of a configuration, and the --sasl flags.
type saslConfig struct {
	Mechanism string `yaml:"mechanism"`
	Username  string `yaml:"username"`
	Password  string `yaml:"password"`
}

// defaultRunConfig returns the defaults of "sluice run".
func defaultRunConfig() *runConfig {
	return &runConfig{
		EmbeddedAddr:     defaultBrokerAddr,
		Group:            "sluice",
		In:               "pages.raw",
		Out:              "pages.clean",
		DLQ:              "pages.dlq",
		Partitions:       4,
		MaxBytes:         pipeline.DefaultMaxBytes,
		Batch:            256,
		Workers:          runtime.GOMAXPROCS(0),
		MaxInFlightBytes: 64 << 20,
		RecordTimeout:    10 * time.Second,
		DrainTimeout:     30 * time.Second,
		SessionTimeout:   10 * time.Second,
		Compression:      "none",
		Format:           "text",
		HTTPAddr:         "127.0.0.1:9464",
		LogFormat:        "text",
		LogLevel:         "info",
	}
}

// register defines c's flags on fs, bound to c's fields, except the flags
// named in except.
func (c *runConfig) register(fs *flag.FlagSet, except ...string) {
	all := flag.NewFlagSet("", flag.ContinueOnError)
	c.registerAll(all)
	all.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(except, f.Name) {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
}

// registerAll defines all of c's flags on fs.
func (c *runConfig) registerAll(fs *flag.FlagSet) {
	fs.Var((*commaList)(&c.Brokers), "brokers", "comma-separated Kafka bootstrap `addresses`; empty starts the embedded broker")
	fs.StringVar(&c.EmbeddedAddr, "embedded-addr", c.EmbeddedAddr, "listen `address` of the embedded broker (without --brokers)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "persist the embedded broker's data in `dir` (default: in memory)")
	fs.StringVar(&c.Group, "group", c.Group, "consumer `group`")
	fs.StringVar(&c.In, "in", c.In, "input `topic` of raw pages")
	fs.StringVar(&c.Out, "out", c.Out, "output `topic` of clean records")
	fs.StringVar(&c.DLQ, "dlq", c.DLQ, "dead-letter `topic`")
	fs.IntVar(&c.Partitions, "partitions", c.Partitions, "partitions for topics sluice creates (existing topics are left alone)")
	fs.IntVar(&c.MaxBytes, "max-bytes", c.MaxBytes, "largest page accepted, in `bytes`; larger ones are dead-lettered as too_large")
	fs.IntVar(&c.Batch, "batch", c.Batch, "most records of a partition cleaned, written and committed together")
	fs.IntVar(&c.Workers, "workers", c.Workers, "pages cleaned at once, across all partitions")
	fs.Int64Var(&c.MaxInFlightBytes, "max-in-flight-bytes", c.MaxInFlightBytes, "most `bytes` of input fetched and not yet committed (at least 2×--max-bytes)")
	fs.DurationVar(&c.RecordTimeout, "record-timeout", c.RecordTimeout, "longest time one page may take to clean before it is dead-lettered")
	fs.DurationVar(&c.DrainTimeout, "drain-timeout", c.DrainTimeout, "longest time to finish in-flight records on shutdown")
	fs.DurationVar(&c.SessionTimeout, "session-timeout", c.SessionTimeout, "how long the group waits for a silent member before moving its partitions")
	fs.StringVar(&c.Compression, "compression", c.Compression, "compression of the records written: none, gzip, snappy, lz4 or zstd")
	fs.StringVar(&c.Format, "format", c.Format, "output `format`: text, or html to add the clean article as sanitized HTML (field html)")
	fs.Var((*appendList)(&c.Rules), "rules", "user rule `file` that extends or disables the built-in rules (repeatable)")
	fs.StringVar(&c.HTTPAddr, "http-addr", c.HTTPAddr, "serve /metrics, /healthz and /readyz on `address`; empty disables")
	fs.BoolVar(&c.Pprof, "pprof", c.Pprof, "also serve /debug/pprof/ on --http-addr")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn or error")
	c.TLS.register(fs)
	c.SASL.register(fs)
}

// register defines the --tls flags on fs.
func (t *tlsConfig) register(fs *flag.FlagSet) {
	fs.BoolVar(&t.Enabled, "tls", t.Enabled, "connect to the brokers over TLS")
	fs.StringVar(&t.CAFile, "tls-ca-file", t.CAFile, "PEM `file` of the CA certificates of the brokers (default: system roots)")
	fs.StringVar(&t.CertFile, "tls-cert-file", t.CertFile, "PEM `file` of a client certificate, for mutual TLS")
	fs.StringVar(&t.KeyFile, "tls-key-file", t.KeyFile, "PEM `file` of the client certificate's key")
	fs.StringVar(&t.ServerName, "tls-server-name", t.ServerName, "`name` to check in the brokers' certificates")
	fs.BoolVar(&t.InsecureSkipVerify, "tls-insecure-skip-verify", t.InsecureSkipVerify, "do not check the brokers' certificates (tests only)")
}

// register defines the --sasl flags on fs.
func (s *saslConfig) register(fs *flag.FlagSet) {
	fs.StringVar(&s.Mechanism, "sasl-mechanism", s.Mechanism, "SASL `mechanism`: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (default: none)")
	fs.StringVar(&s.Username, "sasl-username", s.Username, "SASL `user`")
	fs.StringVar(&s.Password, "sasl-password", s.Password, "SASL `password` (prefer SLUICE_SASL_PASSWORD or the config file)")
}

// kafka returns the pipeline's Kafka settings for brokers.
func kafkaSettings(brokers []string, t tlsConfig, s saslConfig) (pipeline.Kafka, error) {
	k := pipeline.Kafka{Brokers: brokers}
	var errs []error
	if t.Enabled || t.CAFile != "" || t.CertFile != "" || t.InsecureSkipVerify {
		cfg, err := pipeline.TLSFiles{CAFile: t.CAFile, CertFile: t.CertFile, KeyFile: t.KeyFile, ServerName: t.ServerName, InsecureSkipVerify: t.InsecureSkipVerify}.Config()
		errs = append(errs, err)
		k.TLS = cfg
	}
	if s.Mechanism != "" && s.Username == "" {
		errs = append(errs, fmt.Errorf("sasl: mechanism %s needs a username", s.Mechanism))
	}
	m, err := pipeline.SASLMechanism(s.Mechanism, s.Username, s.Password)
	errs = append(errs, err)
	k.SASL = m
	return k, errors.Join(errs...)
}

// ownFlags are the flags of a command that reads the run configuration
// too (replay): register defines them on a flag set, and replaces names
// the run flags the command does not take, which may share their names.
type ownFlags struct {
	register func(*flag.FlagSet)
	replaces []string
}

// loadRunConfig builds the configuration of "sluice run" from its sources
// (see runConfig) and validates it. getenv looks up environment variables.
// own, when not nil, adds a command's own flags; they are registered on
// each flag set parsed.
func loadRunConfig(name string, args []string, stderr io.Writer, getenv func(string) (string, bool), usage string, own *ownFlags) (*runConfig, error) {
	if own == nil {
		own = &ownFlags{register: func(*flag.FlagSet) {}}
	}
	// First pass: syntax errors, -h, and where the file is.
	var path string
	fs := newFlags(name, stderr, usage)
	defaultRunConfig().register(fs, own.replaces...)
	own.register(fs)
	fs.StringVar(&path, "config", "", "YAML configuration `file` (keys as the flags, with underscores; tls and sasl sections)")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if err := noArguments(fs); err != nil {
		return nil, err
	}
	if path == "" {
		path, _ = getenv("SLUICE_CONFIG")
	}

	c := defaultRunConfig()
	if path != "" {
		if err := c.decodeFile(path); err != nil {
			return nil, err
		}
	}
	fs = flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.register(fs, own.replaces...)
	own.register(fs)
	fs.String("config", "", "")
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		env := "SLUICE_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := getenv(env); ok && f.Name != "config" {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", env, v, err))
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := fs.Parse(args); err != nil { // cannot fail: the first pass took the same args
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	return c, nil
}

// decodeFile reads the YAML file at path into c, strictly: an unknown key
// or a value of the wrong type is an error naming its line.
func (c *runConfig) decodeFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: config: %v", errUsage, err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: config %s: %v", errUsage, path, err)
	}
	return nil
}

// validate reports every invalid setting of c.
func (c *runConfig) validate() error {
	var errs []error
	if c.Format != "text" && c.Format != "html" {
		errs = append(errs, fmt.Errorf("format %q: want text or html", c.Format))
	}
	if _, err := pipeline.ParseCompression(c.Compression); err != nil {
		errs = append(errs, err)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.LogFormat))
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		errs = append(errs, fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel))
	}
	if c.Partitions < 1 || c.MaxBytes < 1 || c.Batch < 1 || c.Workers < 1 || c.MaxInFlightBytes < 1 {
		errs = append(errs, errors.New("partitions, max bytes, batch, workers and max in-flight bytes must be positive"))
	}
	if c.RecordTimeout <= 0 || c.DrainTimeout <= 0 || c.SessionTimeout <= 0 {
		errs = append(errs, errors.New("record, drain and session timeouts must be positive"))
	}
	if c.In == c.Out || c.In == c.DLQ || c.Out == c.DLQ {
		errs = append(errs, fmt.Errorf("topics must differ: in %q, out %q, dlq %q", c.In, c.Out, c.DLQ))
	}
	if _, err := kafkaSettings(c.Brokers, c.TLS, c.SASL); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// logger returns the logger c asks for, writing to w.
func (c *runConfig) logger(w io.Writer) *slog.Logger { return newLogger(w, c.LogFormat, c.LogLevel) }

// newLogger returns a text or JSON logger at level.
func newLogger(w io.Writer, format, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: l}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// commaList is a flag.Value of comma-separated items; each Set replaces
// the list.
type commaList []string

func (l *commaList) String() string { return strings.Join(*l, ",") }

// Set replaces the list with the items of v.
func (l *commaList) Set(v string) error {
	*l = splitList(v)
	return nil
}

// appendList is a repeatable flag.Value; each Set adds its comma-separated
// items.
type appendList []string

func (l *appendList) String() string { return strings.Join(*l, ",") }

// Set appends the items of v.
func (l *appendList) Set(v string) error {
	*l = append(*l, splitList(v)...)
	return nil
}
