package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"
)

// Header names sluice adds to the records it writes.
const (
	HeaderSource          = "sluice-source"           // topic/partition@offset of the input
	HeaderError           = "sluice-error"            // DLQ: why the record could not be cleaned
	HeaderErrorClass      = "sluice-error-class"      // DLQ: permanent or too_large
	HeaderErrorStage      = "sluice-error-stage"      // DLQ: the stage that failed, or "input"
	HeaderSourceTopic     = "sluice-source-topic"     // DLQ
	HeaderSourcePartition = "sluice-source-partition" // DLQ
	HeaderSourceOffset    = "sluice-source-offset"    // DLQ
	HeaderSourceTimestamp = "sluice-source-timestamp" // DLQ, RFC 3339
	HeaderVersion         = "sluice-version"          // DLQ: the sluice that wrote it
)

// RunnerConfig configures a Runner. Zero fields take the defaults stated.
type RunnerConfig struct {
	// Brokers are the bootstrap addresses ("host:port"). Required.
	Brokers []string
	// Group is the consumer group. Default "sluice".
	Group string
	// In is the topic of raw pages. Default "pages.raw".
	In string
	// Out is the topic of clean records. Default "pages.clean".
	Out string
	// DLQ is the dead-letter topic. Default "pages.dlq".
	DLQ string
	// MaxBytes is the largest page accepted, after decompression; larger
	// ones are dead-lettered as too_large. Default DefaultMaxBytes.
	MaxBytes int
	// BatchSize is the most records cleaned, written and committed as one
	// batch. Default 256.
	BatchSize int
	// BatchWait is how long a batch waits for more records after its first.
	// Default 10ms.
	BatchWait time.Duration
	// RecordTimeout bounds the cleaning of one record; a page that takes
	// longer is dead-lettered. Default 10s.
	RecordTimeout time.Duration
	// DrainTimeout bounds how long in-flight records may take to be written
	// and committed once shutdown is requested. Default 30s.
	DrainTimeout time.Duration
	// Chain cleans the pages. Required.
	Chain *Chain
	// Logger receives the runner's logs. Default slog.Default().
	Logger *slog.Logger
	// Version is written into dead-letter headers. Default "dev".
	Version string
	// HTML adds the clean article as sanitized HTML to every record (field
	// html, see SafeHTML). Default off.
	HTML bool
}

// withDefaults returns c with zero fields set to their defaults.
func (c RunnerConfig) withDefaults() RunnerConfig {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.Group, "sluice")
	def(&c.In, "pages.raw")
	def(&c.Out, "pages.clean")
	def(&c.DLQ, "pages.dlq")
	def(&c.Version, "dev")
	if c.MaxBytes == 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.BatchSize == 0 {
		c.BatchSize = 256
	}
	if c.BatchWait == 0 {
		c.BatchWait = 10 * time.Millisecond
	}
	if c.RecordTimeout == 0 {
		c.RecordTimeout = 10 * time.Second
	}
	if c.DrainTimeout == 0 {
		c.DrainTimeout = 30 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Validate reports what is wrong with c after defaults are applied.
func (c RunnerConfig) Validate() error {
	c = c.withDefaults()
	var errs []error
	if len(c.Brokers) == 0 {
		errs = append(errs, errors.New("no brokers"))
	}
	if c.Chain == nil {
		errs = append(errs, errors.New("no chain"))
	}
	if c.In == c.Out || c.In == c.DLQ || c.Out == c.DLQ {
		errs = append(errs, fmt.Errorf("topics must differ: in %q, out %q, dlq %q", c.In, c.Out, c.DLQ))
	}
	if c.MaxBytes < 0 || c.BatchSize < 0 || c.BatchWait < 0 || c.RecordTimeout < 0 || c.DrainTimeout < 0 {
		errs = append(errs, errors.New("sizes and durations must not be negative"))
	}
	return errors.Join(errs...)
}

// Runner consumes raw pages from a topic as a member of a consumer group,
// cleans them and writes one record per page to the output topic, or to the
// dead-letter topic when the page cannot be cleaned.
//
// Delivery is at least once: an input offset is committed only after the
// records of it and of every offset before it in its batch were acknowledged
// by all in-sync replicas. A crash can therefore repeat records, never lose
// them; a clean shutdown repeats nothing.
type Runner struct {
	cfg RunnerConfig
	log *slog.Logger
}

// NewRunner validates cfg and returns a Runner.
func NewRunner(cfg RunnerConfig) (*Runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("runner config: %w", err)
	}
	cfg = cfg.withDefaults()
	return &Runner{cfg: cfg, log: cfg.Logger}, nil
}

// Run processes records until ctx is cancelled, then stops fetching,
// finishes the batch in flight (writes and commits it, within DrainTimeout)
// and returns nil. It returns an error when records cannot be written or
// committed; the records not committed are delivered again on the next run.
func (r *Runner) Run(ctx context.Context) error {
	c := r.cfg
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers:           c.Brokers,
		GroupID:           c.Group,
		Topic:             c.In,
		MinBytes:          1,
		MaxBytes:          max(2*c.MaxBytes, 1<<20),
		MaxWait:           250 * time.Millisecond,
		CommitInterval:    0, // synchronous commits, only of what was written
		StartOffset:       kafka.FirstOffset,
		HeartbeatInterval: time.Second,
		SessionTimeout:    10 * time.Second,
		RebalanceTimeout:  10 * time.Second,
		JoinGroupBackoff:  time.Second,
		ErrorLogger:       kafka.LoggerFunc(func(msg string, args ...any) { r.log.Debug("kafka reader: " + fmt.Sprintf(msg, args...)) }),
	})
	writer := &kafka.Writer{
		Addr:         kafka.TCP(c.Brokers...),
		Balancer:     &kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll,
		BatchTimeout: 2 * time.Millisecond,
		BatchSize:    c.BatchSize,
		BatchBytes:   int64(2*c.MaxBytes + 1<<20),
		MaxAttempts:  3,
		Transport:    &kafka.Transport{Dial: dialer().DialContext}, // not the shared transport: its metadata cache hides new topics
	}
	defer closeWithin(r.log, "writer", writer.Close, 10*time.Second)
	defer closeWithin(r.log, "reader", reader.Close, 10*time.Second)

	// work outlives ctx by DrainTimeout, so the batch in flight at shutdown
	// is still written and committed.
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	stopDrain := context.AfterFunc(ctx, func() { time.AfterFunc(c.DrainTimeout, stopWork) })
	defer stopDrain()

	r.log.Info("consuming", "brokers", c.Brokers, "group", c.Group, "in", c.In, "out", c.Out, "dlq", c.DLQ)
	for {
		batch, ferr := r.fetch(ctx, reader)
		if len(batch) > 0 {
			if err := r.handle(work, reader, writer, batch); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			r.log.Info("stopped: in-flight records written and committed")
			return nil
		}
		if ferr != nil {
			return fmt.Errorf("fetch: %w", ferr)
		}
	}
}

// fetch returns up to BatchSize records: it waits for the first until ctx
// is done, then at most BatchWait for each next one.
func (r *Runner) fetch(ctx context.Context, reader *kafka.Reader) ([]kafka.Message, error) {
	m, err := reader.FetchMessage(ctx)
	if err != nil {
		return nil, err
	}
	batch := []kafka.Message{m}
	for len(batch) < r.cfg.BatchSize && ctx.Err() == nil {
		fctx, cancel := context.WithTimeout(ctx, r.cfg.BatchWait)
		m, err := reader.FetchMessage(fctx)
		cancel()
		if err != nil {
			break
		}
		batch = append(batch, m)
	}
	return batch, nil
}

// handle cleans a batch, writes its records and commits its offsets.
func (r *Runner) handle(ctx context.Context, reader *kafka.Reader, writer *kafka.Writer, batch []kafka.Message) error {
	out := make([]kafka.Message, len(batch))
	for i, m := range batch {
		out[i] = r.process(ctx, m)
	}
	if err := r.write(ctx, writer, batch, out); err != nil {
		return err
	}
	if err := reader.CommitMessages(ctx, batch...); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// process cleans one input record and returns the record to write: the
// clean record for the output topic, or a dead letter.
func (r *Runner) process(ctx context.Context, m kafka.Message) kafka.Message {
	source := fmt.Sprintf("%s/%d@%d", m.Topic, m.Partition, m.Offset)
	page, err := PageFromRecord(m.Value, headerMap(m.Headers), r.cfg.MaxBytes)
	if err == nil {
		page.Key, page.Source = m.Key, source
		rctx, cancel := context.WithTimeout(ctx, r.cfg.RecordTimeout)
		var rec *Record
		rec, err = CleanFormat(rctx, r.cfg.Chain, page, r.cfg.MaxBytes, r.cfg.HTML)
		if err != nil && errors.Is(err, context.DeadlineExceeded) && rctx.Err() != nil && ctx.Err() == nil {
			err = &Error{Class: ClassPermanent, Stage: StageOf(err), Err: fmt.Errorf("cleaning took longer than %v", r.cfg.RecordTimeout)}
		}
		cancel()
		if err == nil {
			return kafka.Message{
				Topic:   r.cfg.Out,
				Key:     outputKey(m.Key, page.URL, source),
				Value:   encodeRecord(rec),
				Headers: []kafka.Header{{Key: "content-type", Value: []byte("application/json")}, {Key: HeaderSource, Value: []byte(source)}},
			}
		}
	}
	return r.deadLetter(m, err)
}

// deadLetter returns the DLQ record for input m that failed with err: the
// original key, value and headers, plus headers saying why and where from.
func (r *Runner) deadLetter(m kafka.Message, err error) kafka.Message {
	class := ClassOf(err)
	if class == ClassTransient {
		class = ClassPermanent // cleaning has no environment to fail; the page is at fault
	}
	stage := StageOf(err)
	r.log.Warn("dead-lettered", "topic", m.Topic, "partition", m.Partition, "offset", m.Offset, "class", class, "stage", stage, "error", err.Error())
	h := append(make([]kafka.Header, 0, len(m.Headers)+9), m.Headers...)
	h = append(h,
		kafka.Header{Key: HeaderError, Value: []byte(err.Error())},
		kafka.Header{Key: HeaderErrorClass, Value: []byte(class)},
		kafka.Header{Key: HeaderErrorStage, Value: []byte(stage)},
		kafka.Header{Key: HeaderSourceTopic, Value: []byte(m.Topic)},
		kafka.Header{Key: HeaderSourcePartition, Value: []byte(strconv.Itoa(m.Partition))},
		kafka.Header{Key: HeaderSourceOffset, Value: []byte(strconv.FormatInt(m.Offset, 10))},
		kafka.Header{Key: HeaderSourceTimestamp, Value: []byte(m.Time.UTC().Format(time.RFC3339Nano))},
		kafka.Header{Key: HeaderVersion, Value: []byte(r.cfg.Version)},
	)
	return kafka.Message{Topic: r.cfg.DLQ, Key: m.Key, Value: m.Value, Headers: h}
}

// write writes msgs (msgs[i] made from in[i]) and returns once all are
// acknowledged. Failed writes are retried with exponential backoff until ctx
// is done; only the records that failed are sent again. A clean record the
// broker refuses as too large is dead-lettered in its place.
func (r *Runner) write(ctx context.Context, w *kafka.Writer, in, msgs []kafka.Message) error {
	pending := msgs
	origin := in
	backoff := 50 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := w.WriteMessages(ctx, pending...)
		if err == nil {
			return nil
		}
		var tooLarge kafka.MessageTooLargeError
		if errors.As(err, &tooLarge) || errors.Is(err, kafka.MessageSizeTooLarge) {
			pending, origin, err = r.rerouteTooLarge(pending, origin, err)
			if err != nil {
				return err
			}
			continue
		}
		var werrs kafka.WriteErrors
		if errors.As(err, &werrs) && len(werrs) == len(pending) {
			var p, o []kafka.Message
			for i, e := range werrs {
				if e != nil {
					p, o = append(p, pending[i]), append(o, origin[i])
				}
			}
			pending, origin = p, o
		}
		if ctx.Err() != nil {
			return fmt.Errorf("write %d record(s): %w (gave up: %v)", len(pending), err, ctx.Err())
		}
		r.log.Warn("write failed, retrying", "records", len(pending), "attempt", attempt, "backoff", backoff, "error", err)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// rerouteTooLarge replaces clean records the broker refused as too large by
// dead letters. A dead letter that is itself too large is an error: it
// cannot be delivered anywhere, and dropping it is not an option.
func (r *Runner) rerouteTooLarge(pending, origin []kafka.Message, err error) ([]kafka.Message, []kafka.Message, error) {
	bad := map[int]bool{}
	var tooLarge kafka.MessageTooLargeError
	var werrs kafka.WriteErrors
	switch {
	case errors.As(err, &tooLarge):
		for i := range pending {
			if bytes.Equal(pending[i].Value, tooLarge.Message.Value) && pending[i].Topic == tooLarge.Message.Topic {
				bad[i] = true
				break
			}
		}
	case errors.As(err, &werrs):
		for i, e := range werrs {
			if errors.Is(e, kafka.MessageSizeTooLarge) {
				bad[i] = true
			}
		}
	}
	for i := range bad {
		if pending[i].Topic != r.cfg.Out {
			return nil, nil, fmt.Errorf("dead letter for %s/%d@%d is too large for the broker: %w", origin[i].Topic, origin[i].Partition, origin[i].Offset, err)
		}
		pending[i] = r.deadLetter(origin[i], &Error{Class: ClassTooLarge, Stage: "output", Err: fmt.Errorf("clean record of %d bytes refused by the broker: %v", len(pending[i].Value), err)})
	}
	if len(bad) == 0 {
		return nil, nil, err
	}
	return pending, origin, nil
}

// outputKey is the input key, else the page URL, else the input position.
func outputKey(key []byte, url, source string) []byte {
	switch {
	case len(key) > 0:
		return key
	case url != "":
		return []byte(url)
	}
	return []byte(source)
}

// encodeRecord returns rec as JSON without HTML escaping.
func encodeRecord(rec *Record) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(rec) // cannot fail: strings, bools and ints
	return bytes.TrimRight(b.Bytes(), "\n")
}

// headerMap returns the headers as a map; a repeated header keeps its last value.
func headerMap(hs []kafka.Header) map[string]string {
	m := make(map[string]string, len(hs))
	for _, h := range hs {
		m[h.Key] = string(h.Value)
	}
	return m
}

// closeWithin calls close and gives up waiting after d: kafka-go's Close can
// hang on an unreachable broker (segmentio/kafka-go#428, #1248).
func closeWithin(log *slog.Logger, what string, close func() error, d time.Duration) {
	done := make(chan error, 1)
	go func() { done <- close() }()
	select {
	case err := <-done:
		if err != nil {
			log.Warn("close "+what, "error", err)
		}
	case <-time.After(d):
		log.Warn("close "+what+" timed out", "after", d)
	}
}
