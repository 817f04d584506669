package pipeline

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
)

// Kafka says how to reach a Kafka cluster: the bootstrap brokers, and TLS
// and SASL when the cluster asks for them. The zero TLS and SASL mean a
// plaintext, unauthenticated connection, as to the embedded broker.
type Kafka struct {
	Brokers []string
	TLS     *tls.Config
	SASL    sasl.Mechanism
}

// Plain returns the Kafka settings of a plaintext cluster at brokers.
func Plain(brokers ...string) Kafka { return Kafka{Brokers: brokers} }

// dialTimeout bounds the opening of one broker connection.
const dialTimeout = 10 * time.Second

// Dialer returns a kafka-go dialer for readers and consumer groups.
func (k Kafka) Dialer() *kafka.Dialer {
	return &kafka.Dialer{Timeout: dialTimeout, DualStack: true, KeepAlive: 30 * time.Second, TLS: k.TLS, SASLMechanism: k.SASL}
}

// Transport returns a new kafka-go transport for writers and clients. It is
// never the shared default transport, whose metadata cache hides topics
// created after its first use.
func (k Kafka) Transport() *kafka.Transport {
	d := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	return &kafka.Transport{Dial: d.DialContext, DialTimeout: dialTimeout, TLS: k.TLS, SASL: k.SASL}
}

// Client returns a kafka-go client of the cluster.
func (k Kafka) Client() *kafka.Client {
	return &kafka.Client{Addr: kafka.TCP(k.Brokers...), Timeout: 10 * time.Second, Transport: k.Transport()}
}

// Writer returns a writer to topic (empty: each message names its topic)
// that waits for all in-sync replicas, batches for at most 2ms and accepts
// records up to maxRecordBytes.
func (k Kafka) Writer(topic string, maxRecordBytes int, compression kafka.Compression) *kafka.Writer {
	return &kafka.Writer{
		Addr:         kafka.TCP(k.Brokers...),
		Topic:        topic,
		Balancer:     &kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll,
		BatchTimeout: 2 * time.Millisecond,
		BatchBytes:   int64(maxRecordBytes) + 1<<20,
		Compression:  compression,
		Transport:    k.Transport(),
	}
}

// explain adds the usual cause to an error of a first request: a broker
// that closes the connection at once refused the TLS handshake or the SASL
// credentials.
func (k Kafka) explain(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%w (the broker closed the connection: check --tls and the SASL mechanism, user and password)", err)
	}
	return err
}

// ParseCompression returns the compression named none (or empty), gzip,
// snappy, lz4 or zstd.
func ParseCompression(name string) (kafka.Compression, error) {
	switch strings.ToLower(name) {
	case "", "none":
		return 0, nil
	case "gzip":
		return kafka.Gzip, nil
	case "snappy":
		return kafka.Snappy, nil
	case "lz4":
		return kafka.Lz4, nil
	case "zstd":
		return kafka.Zstd, nil
	}
	return 0, fmt.Errorf("unknown compression %q (want none, gzip, snappy, lz4 or zstd)", name)
}

// TLSFiles describes a TLS client configuration by its files.
type TLSFiles struct {
	// CAFile holds the PEM certificates that sign the brokers'
	// certificates; empty means the system roots.
	CAFile string
	// CertFile and KeyFile hold a client certificate for mutual TLS; both
	// or neither.
	CertFile, KeyFile string
	// ServerName overrides the name checked in the brokers' certificates.
	ServerName string
	// InsecureSkipVerify turns certificate checks off; for tests only.
	InsecureSkipVerify bool
}

// Config loads the files and returns the TLS configuration.
func (f TLSFiles) Config() (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: f.ServerName, InsecureSkipVerify: f.InsecureSkipVerify}
	if f.CAFile != "" {
		pem, err := os.ReadFile(f.CAFile)
		if err != nil {
			return nil, fmt.Errorf("tls ca file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls ca file %s: no PEM certificate in it", f.CAFile)
		}
		cfg.RootCAs = pool
	}
	if (f.CertFile == "") != (f.KeyFile == "") {
		return nil, errors.New("tls: cert file and key file go together")
	}
	if f.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(f.CertFile, f.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("tls client certificate: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// SASLMechanism returns the SASL mechanism named PLAIN, SCRAM-SHA-256 or
// SCRAM-SHA-512 for the user, or nil for an empty name.
func SASLMechanism(name, user, password string) (sasl.Mechanism, error) {
	switch strings.ToUpper(name) {
	case "":
		return nil, nil
	case "PLAIN":
		return plain.Mechanism{Username: user, Password: password}, nil
	case "SCRAM-SHA-256":
		return scram.Mechanism(scram.SHA256, user, password)
	case "SCRAM-SHA-512":
		return scram.Mechanism(scram.SHA512, user, password)
	}
	return nil, fmt.Errorf("unknown SASL mechanism %q (want PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)", name)
}
