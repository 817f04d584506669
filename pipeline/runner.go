package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/semaphore"
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
	HeaderAttempts        = "sluice-attempts"         // DLQ: how many times the record was cleaned
	HeaderVersion         = "sluice-version"          // DLQ: the sluice that wrote it
)

// RunnerConfig configures a Runner. Zero fields take the defaults stated.
type RunnerConfig struct {
	// Kafka says how to reach the cluster. Brokers are required.
	Kafka Kafka
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
	// BatchSize is the most records of one partition cleaned, written and
	// committed as one batch. Default 256.
	BatchSize int
	// BatchWait is how long a batch waits for more records after its first.
	// Default 10ms.
	BatchWait time.Duration
	// Workers is how many pages are cleaned at once, across all partitions.
	// Default GOMAXPROCS.
	Workers int
	// MaxInFlightBytes bounds the bytes of input records fetched and not yet
	// committed, across all partitions. Default 64 MiB, and at least
	// 2*MaxBytes so that the largest page fits.
	MaxInFlightBytes int64
	// RecordTimeout bounds the cleaning of one record; a page that takes
	// longer is dead-lettered. Default 10s.
	RecordTimeout time.Duration
	// SessionTimeout is how long the group waits for a silent member
	// before moving its partitions to others; it also bounds a rebalance.
	// Default 10s.
	SessionTimeout time.Duration
	// DrainTimeout bounds how long in-flight records may take to be written
	// and committed once shutdown is requested. Default 30s.
	DrainTimeout time.Duration
	// Chain cleans the pages. Required.
	Chain *Chain
	// Logger receives the runner's logs. Default slog.Default().
	Logger *slog.Logger
	// Metrics, if set, receives the runner's counts.
	Metrics *Metrics
	// Version is written into dead-letter headers. Default "dev".
	Version string
	// Compression of the records written. Default none.
	Compression kafka.Compression
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
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.MaxInFlightBytes == 0 {
		c.MaxInFlightBytes = 64 << 20
	}
	c.MaxInFlightBytes = max(c.MaxInFlightBytes, 2*int64(c.MaxBytes))
	if c.RecordTimeout == 0 {
		c.RecordTimeout = 10 * time.Second
	}
	if c.DrainTimeout == 0 {
		c.DrainTimeout = 30 * time.Second
	}
	if c.SessionTimeout == 0 {
		c.SessionTimeout = 10 * time.Second
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
	if len(c.Kafka.Brokers) == 0 {
		errs = append(errs, errors.New("no brokers"))
	}
	if c.Chain == nil {
		errs = append(errs, errors.New("no chain"))
	}
	if c.In == c.Out || c.In == c.DLQ || c.Out == c.DLQ {
		errs = append(errs, fmt.Errorf("topics must differ: in %q, out %q, dlq %q", c.In, c.Out, c.DLQ))
	}
	if c.MaxBytes < 0 || c.BatchSize < 0 || c.BatchWait < 0 || c.Workers < 0 || c.MaxInFlightBytes < 0 ||
		c.RecordTimeout < 0 || c.DrainTimeout < 0 || c.SessionTimeout < 0 {
		errs = append(errs, errors.New("sizes and durations must not be negative"))
	}
	return errors.Join(errs...)
}

// Runner consumes raw pages from a topic as a member of a consumer group,
// cleans them and writes one record per page to the output topic, or to the
// dead-letter topic when the page cannot be cleaned.
//
// Each assigned partition is consumed by its own goroutine in batches; the
// pages of a batch are cleaned in parallel by a pool of Workers shared by
// all partitions, and written in partition order.
//
// Delivery is at least once: a partition's offset is committed only after
// the records of every offset before it were acknowledged by all in-sync
// replicas, and a record that cannot be written blocks its partition (with
// backoff) instead of being skipped. A crash or a lost generation can
// therefore repeat records, never lose them. The output is deterministic
// (same page and rules, same bytes and key), so a consumer dedupes repeats
// by key and content_hash.
type Runner struct {
	cfg     RunnerConfig
	log     *slog.Logger
	metrics *Metrics
	workers chan struct{}       // one token per page being cleaned
	jobs    chan *job           // to the worker goroutines waiting for a page
	budget  *semaphore.Weighted // bytes of input in flight

	joined   atomic.Bool // a generation is running
	draining atomic.Bool // shutdown was requested
	writeErr atomic.Bool // the last write failed
}

// NewRunner validates cfg and returns a Runner.
func NewRunner(cfg RunnerConfig) (*Runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("runner config: %w", err)
	}
	cfg = cfg.withDefaults()
	return &Runner{
		cfg:     cfg,
		log:     cfg.Logger,
		metrics: cfg.Metrics,
		workers: make(chan struct{}, cfg.Workers),
		jobs:    make(chan *job),
		budget:  semaphore.NewWeighted(cfg.MaxInFlightBytes),
	}, nil
}

// Ready reports whether the runner is doing its job: it is a member of a
// group generation, its last write succeeded and it is not shutting down.
// It is what /readyz serves.
func (r *Runner) Ready() error {
	switch {
	case r.draining.Load():
		return errors.New("draining")
	case !r.joined.Load():
		return errors.New("not a member of a group generation")
	case r.writeErr.Load():
		return errors.New("writes are failing")
	}
	return nil
}

// Run processes records until ctx is cancelled, then stops fetching,
// finishes the batches in flight (writes and commits them, within
// DrainTimeout), leaves the group and returns nil. It returns an error when
// the records in flight at shutdown could not be written or committed
// within DrainTimeout; they are delivered again to the next member.
func (r *Runner) Run(ctx context.Context) error {
	c := r.cfg
	group, err := kafka.NewConsumerGroup(kafka.ConsumerGroupConfig{
		ID:                     c.Group,
		Brokers:                c.Kafka.Brokers,
		Dialer:                 c.Kafka.Dialer(),
		Topics:                 []string{c.In},
		HeartbeatInterval:      min(time.Second, c.SessionTimeout/6),
		SessionTimeout:         c.SessionTimeout,
		RebalanceTimeout:       c.SessionTimeout,
		JoinGroupBackoff:       time.Second,
		WatchPartitionChanges:  true,
		PartitionWatchInterval: 5 * time.Second,
		StartOffset:            kafka.FirstOffset,
		ErrorLogger:            kafka.LoggerFunc(func(msg string, args ...any) { r.log.Debug("kafka group: " + fmt.Sprintf(msg, args...)) }),
	})
	if err != nil {
		return fmt.Errorf("consumer group: %w", err)
	}
	writer := c.Kafka.Writer("", 2*c.MaxBytes, c.Compression)
	writer.BatchSize = c.BatchSize
	writer.MaxAttempts = 3
	defer closeWithin(r.log, "writer", writer.Close, 10*time.Second)
	// Closing the group leaves it, so the partitions move at once.
	defer closeWithin(r.log, "consumer group", group.Close, 10*time.Second)

	// work outlives ctx by DrainTimeout, so the batches in flight at
	// shutdown are still written and committed.
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	stopDrain := context.AfterFunc(ctx, func() {
		r.draining.Store(true)
		time.AfterFunc(c.DrainTimeout, stopWork)
	})
	defer stopDrain()

	r.log.Info("consuming", "brokers", c.Kafka.Brokers, "group", c.Group, "in", c.In, "out", c.Out, "dlq", c.DLQ, "workers", c.Workers)
	for {
		gen, err := group.Next(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, kafka.ErrGroupClosed) {
				return fmt.Errorf("join group %q: %w", c.Group, err)
			}
			// The group reports a failed join or sync ("Rebalance In
			// Progress" while another member joins, a coordinator that
			// moved) and tries again itself, after a backoff.
			r.log.Warn("joining the group failed; retrying", "group", c.Group, "error", err)
			continue
		}
		r.metrics.rebalanced()
		r.joined.Store(true)
		err = r.runGeneration(ctx, work, gen, writer)
		r.joined.Store(false)
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			r.log.Info("stopped: in-flight records written and committed")
			return nil
		}
	}
}

// runGeneration consumes the partitions gen assigns until the generation
// ends or ctx is done, and returns once every partition has stopped.
func (r *Runner) runGeneration(ctx, work context.Context, gen *kafka.Generation, w *kafka.Writer) error {
	assigned := gen.Assignments[r.cfg.In]
	ids := make([]int, len(assigned))
	for i, a := range assigned {
		ids[i] = a.ID
	}
	r.log.Info("joined generation", "generation", gen.ID, "member", gen.MemberID, "partitions", ids)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	commits := &generationCommitter{gen: gen, topic: r.cfg.In}
	for _, a := range assigned {
		wg.Add(1)
		gen.Start(func(gctx context.Context) {
			defer wg.Done()
			p := &partition{r: r, commit: commits, w: w, id: a.ID, next: a.Offset, end: math.MaxInt64,
				log: r.log.With("topic", r.cfg.In, "partition", a.ID, "generation", gen.ID)}
			if err := p.consume(gctx, ctx, work); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
