package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

// HeaderRedrives counts how many times a record was sent back from the
// dead-letter topic by "sluice redrive".
const HeaderRedrives = "sluice-redrives"

// DefaultMaxRedrives is how many times a record may be redriven before
// redrive refuses to send it again.
const DefaultMaxRedrives = 3

// A RedriveConfig says which dead letters to send back where.
type RedriveConfig struct {
	Kafka Kafka
	DLQ   string // the dead-letter topic
	To    string // where the records go: usually the input topic
	// Class, when not empty, takes only dead letters of that class
	// (permanent, too_large).
	Class ErrorClass
	// Since, when set, starts at the first dead letter written at or after
	// it; otherwise redrive goes on after the last one an earlier run of
	// the same Group handled, or from the start.
	Since time.Time
	// MaxRedrives refuses records already redriven that many times; 0 is
	// DefaultMaxRedrives.
	MaxRedrives int
	// Group is the consumer group redrive commits its progress for; empty
	// is "sluice-redrive-" + DLQ + "-" + To, and "-" + Class with a class.
	Group  string
	DryRun bool // count, send and commit nothing
	Logger *slog.Logger
}

// A RedriveResult counts what a redrive did.
type RedriveResult struct {
	Read    int            // dead letters read
	Sent    map[string]int // sent back, by class
	Skipped int            // of another class
	Refused []RefusedRedrive
}

// A RefusedRedrive is a dead letter not sent back because it was redriven
// MaxRedrives times already.
type RefusedRedrive struct {
	Partition int
	Offset    int64
	Key       string
	Redrives  int
	Error     string
}

// Total returns the number of records sent back.
func (r RedriveResult) Total() int {
	n := 0
	for _, v := range r.Sent {
		n += v
	}
	return n
}

// Redrive sends the dead letters of cfg.DLQ present when it starts back to
// cfg.To, with their original key, value and headers (without the headers
// sluice added to the dead letter) and HeaderRedrives counted up. For each
// partition, records are written with acks=all and then the progress is
// committed for cfg.Group, so a redrive run again does not send a record
// twice (at least once: an interrupted run may repeat a batch).
func Redrive(ctx context.Context, cfg RedriveConfig) (RedriveResult, error) {
	if cfg.MaxRedrives <= 0 {
		cfg.MaxRedrives = DefaultMaxRedrives
	}
	if cfg.Group == "" {
		cfg.Group = "sluice-redrive-" + cfg.DLQ + "-" + cfg.To
		if cfg.Class != "" {
			cfg.Group += "-" + string(cfg.Class)
		}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	k := cfg.Kafka
	parts, err := Partitions(ctx, k, cfg.DLQ)
	if err != nil {
		return RedriveResult{}, err
	}
	committed, err := CommittedOffsets(ctx, k, cfg.Group, cfg.DLQ, parts)
	if err != nil {
		return RedriveResult{}, err
	}
	var w *kafka.Writer
	if !cfg.DryRun {
		w = k.Writer(cfg.To, TopicMaxMessageBytes, 0)
		defer closeWithin(cfg.Logger, "writer", w.Close, 10*time.Second)
	}
	res := RedriveResult{Sent: map[string]int{}}
	for _, p := range parts {
		from := Earliest
		if !cfg.Since.IsZero() {
			from = TimeBound(cfg.Since)
		} else if o, ok := committed[p]; ok {
			from = OffsetBound(o)
		}
		o, err := boundOffsets(ctx, k, cfg.DLQ, p, from, Latest)
		if err != nil {
			return res, err
		}
		if err := redrivePartition(ctx, cfg, w, p, o[0], o[1], &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// redriveBatch is how many dead letters are written and committed together.
const redriveBatch = 256

// redrivePartition redrives the offsets [start, end) of one partition.
func redrivePartition(ctx context.Context, cfg RedriveConfig, w *kafka.Writer, partition int, start, end int64, res *RedriveResult) error {
	if start >= end {
		return nil
	}
	var out []kafka.Message
	var classes []string
	read := 0 // since the last flush
	flush := func(next int64) error {
		read = 0
		if cfg.DryRun {
			out, classes = out[:0], classes[:0]
			return nil
		}
		if len(out) > 0 {
			if err := w.WriteMessages(ctx, out...); err != nil {
				return fmt.Errorf("send %d dead letters to %s: %w", len(out), cfg.To, err)
			}
		}
		for _, c := range classes {
			res.Sent[c]++
		}
		out, classes = out[:0], classes[:0]
		return commitSimple(ctx, cfg.Kafka, cfg.Group, cfg.DLQ, partition, next, "")
	}
	err := readRange(ctx, cfg.Kafka, cfg.DLQ, partition, start, end, func(m kafka.Message) error {
		res.Read++
		read++
		letter := readDeadLetter(m)
		switch {
		case cfg.Class != "" && letter.class != cfg.Class:
			res.Skipped++
		case letter.redrives >= cfg.MaxRedrives:
			res.Refused = append(res.Refused, RefusedRedrive{Partition: partition, Offset: m.Offset, Key: string(m.Key), Redrives: letter.redrives, Error: letter.err})
			cfg.Logger.Warn("not redriven: redriven too often already", "partition", partition, "offset", m.Offset, "redrives", letter.redrives, "error", letter.err)
		default:
			out = append(out, kafka.Message{Key: m.Key, Value: m.Value, Headers: letter.headers})
			classes = append(classes, string(letter.class))
			if cfg.DryRun {
				res.Sent[string(letter.class)]++
			}
		}
		if read == redriveBatch {
			return flush(m.Offset + 1)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush(end)
}

// deadLetter is what redrive reads of a dead letter.
type deadLetter struct {
	class    ErrorClass
	err      string
	redrives int
	headers  []kafka.Header // the original ones, with the redrive count up by one
}

// sluiceHeaders are the headers deadLetter adds to a record.
var sluiceHeaders = []string{HeaderError, HeaderErrorClass, HeaderErrorStage, HeaderSourceTopic, HeaderSourcePartition,
	HeaderSourceOffset, HeaderSourceTimestamp, HeaderAttempts, HeaderVersion}

// readDeadLetter splits a dead letter's headers into what sluice added and
// the original ones.
func readDeadLetter(m kafka.Message) deadLetter {
	var d deadLetter
	for _, h := range m.Headers {
		switch {
		case h.Key == HeaderErrorClass:
			d.class = ErrorClass(h.Value)
		case h.Key == HeaderError:
			d.err = string(h.Value)
		case h.Key == HeaderRedrives:
			d.redrives, _ = strconv.Atoi(strings.TrimSpace(string(h.Value)))
		case slices.Contains(sluiceHeaders, h.Key):
		default:
			d.headers = append(d.headers, h)
		}
	}
	d.headers = append(d.headers, kafka.Header{Key: HeaderRedrives, Value: []byte(strconv.Itoa(d.redrives + 1))})
	return d
}

// commitSimple commits next for one partition of topic as group, a group
// without members (generation -1), with metadata.
func commitSimple(ctx context.Context, k Kafka, group, topic string, partition int, next int64, metadata string) error {
	resp, err := k.Client().OffsetCommit(ctx, &kafka.OffsetCommitRequest{GroupID: group, GenerationID: -1,
		Topics: map[string][]kafka.OffsetCommit{topic: {{Partition: partition, Offset: next, Metadata: metadata}}}})
	if err != nil {
		return fmt.Errorf("commit progress of %s: %w", group, k.explain(err))
	}
	for _, p := range resp.Topics[topic] {
		if p.Error != nil {
			return fmt.Errorf("commit progress of %s in partition %d of %s: %w", group, p.Partition, topic, p.Error)
		}
	}
	return nil
}
