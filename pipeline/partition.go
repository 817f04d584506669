package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/sluice-news/sluice/stages"
)

// partition consumes one partition of the input topic: for one group
// generation ("sluice run"), or one offset range of a replay.
type partition struct {
	r      *Runner
	commit committer
	w      *kafka.Writer
	id     int
	next   int64                    // the offset to read first; negative for the topic's first offset
	end    int64                    // the offset to stop before; math.MaxInt64 for none
	keep   func(kafka.Message) bool // nil, or false for records to skip (they are committed, not cleaned)
	prog   *PartitionProgress       // nil, or counts what was delivered
	log    *slog.Logger             // the runner's, with topic, partition and generation

	carry   *kafka.Message // fetched, but its bytes did not fit the budget yet
	pos     int64          // the offset after the last record fetched
	skipped int64          // records skipped since the last batch
	hwm     int64          // the partition's high-water mark when it was fetched
}

// A committer stores a partition's progress: next is the offset its next
// owner reads first. It returns errLeaveGeneration when the progress can no
// longer be stored for this owner (its generation is over).
type committer interface {
	commitOffset(ctx context.Context, partition int, next int64) error
}

// generationCommitter commits as a member of a consumer-group generation.
type generationCommitter struct {
	gen   *kafka.Generation
	topic string
	// mu is held while a partition of gen commits: kafka-go sends every
	// commit of a generation over one connection, and concurrent requests
	// on a connection spin in Conn.waitResponse until the response read is
	// theirs, burning a core between them.
	mu sync.Mutex
}

func (g *generationCommitter) commitOffset(_ context.Context, partition int, next int64) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.gen.CommitOffsets(map[string]map[int]int64{g.topic: {partition: next}})
}

// fetchBytes is what a partition reader asks the broker for per fetch. A
// record batch larger than that still comes, alone (KIP-74), so the page
// size limit needs no larger fetches; smaller ones keep the broker's
// responses small: the embedded broker builds each one by appending, and
// fetches of 2*MaxBytes (32 MiB) cost 4 % of the CPU end to end.
const fetchBytes = 1 << 20

// consume reads the partition in batches until its generation ends (gctx)
// or shutdown is requested (stop). It returns an error only when the batch
// in flight at shutdown could not be written and committed before work was
// cancelled; every other failure ends the generation, and the group's next
// generation resumes from the last committed offset.
func (p *partition) consume(gctx, stop, work context.Context) error {
	c := p.r.cfg
	ctx, cancel := context.WithCancel(gctx)
	defer cancel()
	defer context.AfterFunc(stop, cancel)()
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers:     c.Kafka.Brokers,
		Topic:       c.In,
		Partition:   p.id,
		Dialer:      c.Kafka.Dialer(),
		MinBytes:    1,
		MaxBytes:    fetchBytes,
		MaxWait:     250 * time.Millisecond,
		ErrorLogger: kafka.LoggerFunc(func(msg string, args ...any) { p.log.Debug("kafka reader: " + fmt.Sprintf(msg, args...)) }),
	})
	defer closeWithin(p.r.log, "partition reader", reader.Close, 10*time.Second)
	start := p.next
	if start < 0 {
		start = kafka.FirstOffset
	}
	p.pos = p.next
	if err := reader.SetOffset(start); err != nil {
		p.log.Warn("cannot read partition; leaving the generation", "offset", start, "error", err)
		return nil
	}
	// Two stages, so that cleaning the next batch overlaps writing and
	// committing the last: this goroutine fetches and cleans, deliver
	// writes and commits, in batch order. One cleaned batch waits at most.
	cleaned := make(chan cleanedBatch, 1)
	delivered := make(chan error, 1)
	go func() { delivered <- p.deliver(work, cleaned, cancel) }()
	var ferr error
	for ctx.Err() == nil && ferr == nil && (p.pos < 0 || p.pos < p.end) {
		from := p.pos
		var batch []kafka.Message
		var held int64
		batch, held, ferr = p.fetch(ctx, reader)
		if p.pos == from {
			continue
		}
		b := cleanedBatch{in: batch, held: held, next: p.pos, hwm: p.hwm, skipped: p.skipped}
		p.skipped = 0
		if len(batch) > 0 {
			out, err := p.clean(work, batch)
			if err != nil {
				p.r.budget.Release(held)
				close(cleaned)
				<-delivered
				return err
			}
			b.out = out
		}
		cleaned <- b
	}
	close(cleaned)
	err := <-delivered
	if errors.Is(err, errLeaveGeneration) {
		return nil
	}
	if err == nil && ferr != nil && ctx.Err() == nil {
		p.log.Warn("fetch failed; leaving the generation", "error", ferr)
	}
	return err
}

// cleanedBatch is a batch of input records and the records made of them,
// holding held bytes of the in-flight budget; next is the offset after the
// batch, which also covers the skipped records fetched with it.
type cleanedBatch struct {
	in, out   []kafka.Message
	held      int64
	next, hwm int64
	skipped   int64
}

// deliver writes and commits the cleaned batches in order until the
// channel is closed. On the first failure it calls stop, so that no more
// batches are fetched, gives back the budget of the batches still queued
// and returns the error.
func (p *partition) deliver(work context.Context, batches <-chan cleanedBatch, stop func()) error {
	var failed error
	for b := range batches {
		if failed == nil {
			failed = p.writeAndCommit(work, b)
			if failed != nil {
				stop()
			} else {
				p.prog.delivered(b, p.r.cfg.DLQ)
			}
		}
		p.r.budget.Release(b.held)
	}
	return failed
}

// errLeaveGeneration says a partition stopped for its generation's sake;
// the next generation takes over from the last committed offset.
var errLeaveGeneration = errors.New("leave the generation")

// fetch returns up to BatchSize records and the budget bytes they hold: it
// waits for the first until ctx is done, then takes what arrives within
// BatchWait of it. A record whose bytes do not fit the in-flight budget ends the
// batch and opens the next one, so a partition never waits for budget while
// it holds some. A record fetched when ctx ends is not judged: it is not
// committed, so it is read again. Records at or past the partition's end
// are not taken; records keep refuses are skipped. p.pos moves past every
// record taken or skipped.
func (p *partition) fetch(ctx context.Context, reader *kafka.Reader) ([]kafka.Message, int64, error) {
	c := p.r.cfg
	var batch []kafka.Message
	var held int64
	bctx := ctx // after the first record: BatchWait after it
	for len(batch) < c.BatchSize && (p.pos < 0 || p.pos < p.end) {
		m, err := p.nextRecord(bctx, reader)
		if err != nil {
			if len(batch) > 0 && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
				err = nil // the batch is as full as it gets
			}
			return batch, held, err
		}
		if m.Offset >= p.end {
			p.pos = p.end
			break
		}
		p.pos, p.hwm = m.Offset+1, m.HighWaterMark
		if p.keep != nil && !p.keep(m) {
			p.skipped++
			continue
		}
		n := min(int64(len(m.Key)+len(m.Value)), c.MaxInFlightBytes)
		if len(batch) > 0 {
			if !p.r.budget.TryAcquire(n) {
				p.carry, p.pos = &m, m.Offset
				break
			}
		} else {
			if err := p.r.budget.Acquire(ctx, n); err != nil {
				p.carry, p.pos = &m, m.Offset
				return nil, 0, err
			}
			var cancel context.CancelFunc
			bctx, cancel = context.WithTimeout(ctx, c.BatchWait)
			defer cancel() // once: this branch takes the batch's first record

		}
		batch, held = append(batch, m), held+n
	}
	return batch, held, nil
}

// nextRecord returns the record carried over from the last batch, or the
// next one the reader fetches.
func (p *partition) nextRecord(ctx context.Context, reader *kafka.Reader) (kafka.Message, error) {
	if p.carry != nil {
		m := *p.carry
		p.carry = nil
		return m, nil
	}
	m, err := reader.FetchMessage(ctx)
	if err == nil {
		p.r.metrics.fetched(p.r.cfg.In, 1)
	}
	return m, err
}

// clean cleans a batch in parallel on the runner's workers and returns the
// records to write, in batch order. It fails only when work is cancelled
// (the drain timed out).
func (p *partition) clean(work context.Context, batch []kafka.Message) ([]kafka.Message, error) {
	out, err := p.r.cleanBatch(work, batch)
	if err != nil {
		return nil, fmt.Errorf("partition %d: drain timed out: %d record(s) from offset %d not written; they will be read again", p.id, len(batch), batch[0].Offset)
	}
	return out, nil
}

// writeAndCommit writes the records of a cleaned batch in order and
// commits the offset after it.
//
// A batch in flight when the partition is revoked (its generation ends) is
// still finished and committed: the group cannot form its next generation
// before this member rejoins, which kafka-go does only once every partition
// goroutine has returned, so until then the partition has no other owner
// and the old generation's commit is accepted. If the coordinator gave up
// waiting, the commit is refused and the new owner repeats the batch; no
// record is lost. Records fetched but not yet in a batch are never carried
// into another generation: each generation has its own readers (the
// stale-message problem of segmentio/kafka-go#1398).
func (p *partition) writeAndCommit(work context.Context, b cleanedBatch) error {
	if len(b.out) > 0 {
		if err := p.r.write(work, p.w, b.in, b.out); err != nil {
			return fmt.Errorf("partition %d: %w", p.id, err)
		}
	}
	return p.commitNext(work, b.next, b.hwm)
}

// maxCommitAttempts bounds the retries of a failed commit before the
// partition leaves the generation.
const maxCommitAttempts = 5

// commitNext commits next as the partition's offset, retrying transient
// failures. When the coordinator keeps refusing (the generation is over,
// or it is unreachable) it returns errLeaveGeneration: the records are
// written, so the partition's next owner repeats at most this batch.
func (p *partition) commitNext(ctx context.Context, next, highWaterMark int64) error {
	backoff := 50 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := p.commit.commitOffset(ctx, p.id, next)
		if err == nil {
			p.r.metrics.committed(p.id, highWaterMark-next)
			return nil
		}
		if attempt >= maxCommitAttempts || ctx.Err() != nil {
			p.log.Warn("commit failed; the partition's next owner repeats the records after the last commit",
				"offset", next, "attempts", attempt, "error", err)
			return errLeaveGeneration
		}
		p.r.metrics.retried("commit")
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
		}
		backoff = min(2*backoff, 2*time.Second)
	}
}

// cleanBatch cleans the input records of a batch on the runner's workers
// and returns the records to write, in batch order: for each input its
// clean record, or a dead letter. It returns an error only when work is
// cancelled first.
//
// A record is handed to a worker when one of the Workers tokens is free;
// the worker gives the token back when its cleaning has really ended. A
// record still cleaning RecordTimeout after it started is dead-lettered at
// that moment and its cleaning is cancelled (the chain stops at its next
// stage), so a pathological page costs a worker for a while, never a
// stalled partition. One goroutine and one timer serve the whole batch:
// records start in batch order, so the one to watch is the oldest still
// cleaning.
func (r *Runner) cleanBatch(work context.Context, batch []kafka.Message) ([]kafka.Message, error) {
	n := len(batch)
	jobs := make([]job, n)
	out := make([]kafka.Message, n)
	resolved := make([]bool, n)
	done := make(chan int, n) // never blocks a worker, even for a record given up on
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	started, left, watch := 0, n, 0
	// Records' contexts end when cleanBatch cancels them, also when work
	// ends, so they need not be registered with work (which costs a lock
	// and a map entry per record).
	base := context.WithoutCancel(work)
	// resolve takes record i's result, once: a worker's result that comes
	// after its deadline is dropped.
	resolve := func(i int, res jobResult) {
		if resolved[i] {
			return
		}
		resolved[i], left = true, left-1
		if res.err != nil {
			out[i] = r.deadLetter(batch[i], res.err)
			return
		}
		r.metrics.removals(res.removed)
		out[i] = res.out
	}
	for left > 0 {
		var tokens chan<- struct{}
		if started < n {
			tokens = r.workers
		}
		rewatch := false
		select {
		case tokens <- struct{}{}: // given back by the worker
			j := &jobs[started]
			j.ctx, j.cancel = context.WithCancel(base)
			j.m, j.i, j.done, j.start = batch[started], started, done, time.Now()
			r.dispatch(j)
			started++
			rewatch = started-1 == watch
		case i := <-done:
			resolve(i, jobs[i].res)
		case <-timer.C:
			// A result that came with the deadline counts.
			for drained := false; !drained; {
				select {
				case i := <-done:
					resolve(i, jobs[i].res)
				default:
					drained = true
				}
			}
			if !resolved[watch] && time.Since(jobs[watch].start) >= r.cfg.RecordTimeout {
				jobs[watch].cancel()
				resolve(watch, jobResult{err: &Error{Class: ClassPermanent, Err: fmt.Errorf("cleaning took longer than %v", r.cfg.RecordTimeout)}})
			}
			rewatch = true
		case <-work.Done():
			for i := range jobs[:started] {
				jobs[i].cancel()
			}
			return nil, work.Err()
		}
		for watch < started && resolved[watch] {
			watch++
			rewatch = true
		}
		if rewatch && watch < started {
			timer.Reset(r.cfg.RecordTimeout - time.Since(jobs[watch].start))
		}
	}
	return out, nil
}

// process cleans one input record and returns the record to write: its
// clean record or a dead letter (see cleanBatch).
func (r *Runner) process(ctx context.Context, m kafka.Message) kafka.Message {
	out, err := r.cleanBatch(ctx, []kafka.Message{m})
	if err != nil {
		return r.deadLetter(m, err)
	}
	return out[0]
}

// A job is one input record for a worker goroutine to clean.
type job struct {
	ctx    context.Context // cancelled when the record is given up on
	cancel context.CancelFunc
	m      kafka.Message
	start  time.Time
	res    jobResult  // the worker's result, read after i arrives on done
	i      int        // the record's place in its batch
	done   chan<- int // buffered: the worker never waits for the batch
}

// jobResult is the clean record made of a job's input and the removals it
// reports, or the error that makes the input a dead letter.
type jobResult struct {
	out     kafka.Message
	removed []stages.Removal
	err     error
}

// workerIdle is how long a worker goroutine waits for its next job before
// it ends.
const workerIdle = time.Minute

// dispatch hands j to a waiting worker goroutine, or starts one. The
// caller holds a worker token for j.
func (r *Runner) dispatch(j *job) {
	select {
	case r.jobs <- j:
	default:
		go r.worker(j)
	}
}

// worker runs j, then every job sent on r.jobs, until none comes for
// workerIdle. Workers live across records so that the stacks that parsing
// and cleaning grow are grown once, not for every record; dispatch starts
// one when none is waiting, so there are about as many as worker tokens.
func (r *Runner) worker(j *job) {
	idle := time.NewTimer(workerIdle)
	defer idle.Stop()
	for {
		j.res = r.cleanRecord(j.ctx, j.m)
		j.cancel()
		j.done <- j.i
		<-r.workers
		idle.Reset(workerIdle)
		select {
		case j = <-r.jobs:
		case <-idle.C:
			return
		}
	}
}

// cleanRecord parses input record m as a page, cleans it and encodes the record
// for the output topic. A panic is returned as a permanent error.
func (r *Runner) cleanRecord(ctx context.Context, m kafka.Message) (res jobResult) {
	defer func() {
		if v := recover(); v != nil {
			res = jobResult{err: &Error{Class: ClassPermanent, Stage: "record", Err: fmt.Errorf("panic: %v", v)}}
		}
	}()
	page, err := PageFromRecord(m.Value, headerMap(m.Headers), r.cfg.MaxBytes)
	if err != nil {
		return jobResult{err: err}
	}
	source := fmt.Sprintf("%s/%d@%d", m.Topic, m.Partition, m.Offset)
	page.Key, page.Source = m.Key, source
	rec, err := CleanFormat(ctx, r.cfg.Chain, page, r.cfg.MaxBytes, r.cfg.HTML)
	if err != nil {
		return jobResult{err: err}
	}
	return jobResult{
		out: kafka.Message{
			Topic:   r.cfg.Out,
			Key:     outputKey(m.Key, page.URL, source),
			Value:   encodeRecord(rec),
			Headers: []kafka.Header{{Key: "content-type", Value: []byte("application/json")}, {Key: HeaderSource, Value: []byte(source)}},
		},
		removed: rec.Removed,
	}
}

// countWritten counts acknowledged records by topic and dead-letter class.
func (r *Runner) countWritten(msgs []kafka.Message) {
	if r.metrics == nil {
		return
	}
	for _, m := range msgs {
		if m.Topic != r.cfg.DLQ {
			r.metrics.written(m.Topic)
			continue
		}
		for _, h := range m.Headers {
			if h.Key == HeaderErrorClass {
				r.metrics.deadLettered(ErrorClass(h.Value))
			}
		}
	}
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
	h := append(make([]kafka.Header, 0, len(m.Headers)+10), m.Headers...)
	h = append(h,
		kafka.Header{Key: HeaderError, Value: []byte(err.Error())},
		kafka.Header{Key: HeaderErrorClass, Value: []byte(class)},
		kafka.Header{Key: HeaderErrorStage, Value: []byte(stage)},
		kafka.Header{Key: HeaderSourceTopic, Value: []byte(m.Topic)},
		kafka.Header{Key: HeaderSourcePartition, Value: []byte(strconv.Itoa(m.Partition))},
		kafka.Header{Key: HeaderSourceOffset, Value: []byte(strconv.FormatInt(m.Offset, 10))},
		kafka.Header{Key: HeaderSourceTimestamp, Value: []byte(m.Time.UTC().Format(time.RFC3339Nano))},
		kafka.Header{Key: HeaderAttempts, Value: []byte("1")},
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
			r.writeErr.Store(false)
			r.countWritten(pending)
			return nil
		}
		r.writeErr.Store(true)
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
				} else {
					r.countWritten(pending[i : i+1])
				}
			}
			pending, origin = p, o
		}
		if ctx.Err() != nil {
			return fmt.Errorf("write %d record(s): %w (gave up: %v)", len(pending), err, ctx.Err())
		}
		r.metrics.retried("write")
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
