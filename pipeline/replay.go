package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"
)

// A Bound is one end of a replay window: the earliest or the latest offset
// of each partition, one offset for every partition, or a time (the first
// record at or after it, by record timestamp).
type Bound struct {
	kind   boundKind
	offset int64
	time   time.Time
}

type boundKind int

const (
	boundEarliest boundKind = iota
	boundLatest
	boundOffset
	boundTime
)

// Earliest and Latest are the bounds at a partition's first offset and
// after its last record.
var (
	Earliest = Bound{kind: boundEarliest}
	Latest   = Bound{kind: boundLatest}
)

// OffsetBound returns the bound at offset o in every partition.
func OffsetBound(o int64) Bound { return Bound{kind: boundOffset, offset: o} }

// TimeBound returns the bound at the first record whose timestamp is t or later.
func TimeBound(t time.Time) Bound { return Bound{kind: boundTime, time: t} }

// timeLayouts are the time formats ParseBound accepts; times without a zone are UTC.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"}

// ParseBound parses "earliest", "latest", an offset ("12345") or a time:
// RFC 3339 ("2026-11-21T10:00:00Z"), or a date or date and time without a
// zone, read as UTC ("2026-11-21", "2026-11-21T10:00").
func ParseBound(s string) (Bound, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "earliest":
		return Earliest, nil
	case "latest":
		return Latest, nil
	}
	if o, err := strconv.ParseInt(s, 10, 64); err == nil {
		if o < 0 {
			return Bound{}, fmt.Errorf("offset %d: offsets are not negative", o)
		}
		return OffsetBound(o), nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return TimeBound(t), nil
		}
	}
	return Bound{}, fmt.Errorf("%q is not earliest, latest, an offset or a time (like 2026-11-21T10:00:00Z or 2026-11-21)", s)
}

// String returns the bound as ParseBound reads it.
func (b Bound) String() string {
	switch b.kind {
	case boundLatest:
		return "latest"
	case boundOffset:
		return strconv.FormatInt(b.offset, 10)
	case boundTime:
		return b.time.UTC().Format(time.RFC3339Nano)
	}
	return "earliest"
}

// IsTime reports whether b is a time.
func (b Bound) IsTime() bool { return b.kind == boundTime }

// Time returns the time of a time bound, the zero time for other bounds.
func (b Bound) Time() time.Time { return b.time }

// A PartitionRange is the part of one partition a replay processes: the
// offsets from Start up to, not including, End. Next is where the replay
// goes on: Start for a new one, the committed progress for one resumed.
type PartitionRange struct {
	Partition        int
	Start, End, Next int64
}

// A ReplayWindow is what a replay takes of a topic: the records from From
// up to, not including, Until, of the listed Partitions (all when none).
//
// With time bounds the window holds the records whose timestamps are in
// [From, Until). It starts at the first record at or after From (the
// broker's time index); records before it are older. It ends at the first
// record at or after Until+Late: a record written later than that with a
// timestamp inside the window (a late arrival) is not in it, and records
// before that end with timestamps outside the window are skipped.
type ReplayWindow struct {
	From, Until Bound
	Late        time.Duration
	Partitions  []int
}

// String describes w.
func (w ReplayWindow) String() string {
	s := "from " + w.From.String() + " until " + w.Until.String()
	if w.Late > 0 && w.Until.IsTime() {
		s += " (late arrivals up to " + w.Late.String() + ")"
	}
	if len(w.Partitions) > 0 {
		s += fmt.Sprintf(" in partitions %v", w.Partitions)
	}
	return s
}

// A ReplayPlan is what a replay does: the window and, per partition, its
// offsets. Its progress is committed for Group, with the offsets as
// metadata, so a replay run again with the same plan resumes where it
// stopped.
type ReplayPlan struct {
	Topic   string
	Group   string
	Window  ReplayWindow
	Ranges  []PartitionRange
	Resumed bool // the ranges come from an earlier run's progress
}

// Records returns the offsets the plan still has to process.
func (p ReplayPlan) Records() int64 {
	var n int64
	for _, r := range p.Ranges {
		n += max(r.End-r.Next, 0)
	}
	return n
}

// ReplayGroup returns the progress group of a replay from topic in to out
// over window w: the same command resumes the same replay.
func ReplayGroup(in, out string, w ReplayWindow) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%v\x00%v", in, out, w.From, w.Until, w.Late, w.Partitions)
	return "sluice-replay-" + in + "-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// replayMeta is the metadata committed with a replay's progress: the
// partition's range as the first run resolved it.
type replayMeta struct {
	Replay     string `json:"sluice_replay"`
	Start, End int64
}

// PlanReplay resolves window w of topic to offsets per partition. When
// group has committed progress for this window before and restart is
// false, the plan resumes it: the ranges are the ones resolved then (a
// later "latest" does not widen the window), from the offsets committed.
func PlanReplay(ctx context.Context, k Kafka, topic, group string, w ReplayWindow, restart bool) (ReplayPlan, error) {
	all, err := Partitions(ctx, k, topic)
	if err != nil {
		return ReplayPlan{}, err
	}
	parts := w.Partitions
	if len(parts) == 0 {
		parts = all
	}
	for _, p := range parts {
		if !slices.Contains(all, p) {
			return ReplayPlan{}, fmt.Errorf("topic %s has no partition %d (it has %v)", topic, p, all)
		}
	}
	plan := ReplayPlan{Topic: topic, Group: group, Window: w}
	committed, err := committedProgress(ctx, k, group, topic, parts)
	if err != nil {
		return ReplayPlan{}, err
	}
	for _, p := range parts {
		if c, ok := committed[p]; ok && !restart {
			plan.Ranges = append(plan.Ranges, PartitionRange{Partition: p, Start: c.meta.Start, End: c.meta.End, Next: max(c.offset, c.meta.Start)})
			plan.Resumed = true
			continue
		}
		until := w.Until
		if until.IsTime() {
			until = TimeBound(until.time.Add(w.Late))
		}
		start, end, err := resolveRange(ctx, k, topic, p, w.From, until)
		if err != nil {
			return ReplayPlan{}, err
		}
		plan.Ranges = append(plan.Ranges, PartitionRange{Partition: p, Start: start, End: end, Next: start})
	}
	return plan, nil
}

// resolveRange returns the offsets of from and until in one partition.
func resolveRange(ctx context.Context, k Kafka, topic string, partition int, from, until Bound) (start, end int64, err error) {
	o, err := boundOffsets(ctx, k, topic, partition, from, until)
	if err != nil {
		return 0, 0, err
	}
	return o[0], max(o[0], o[1]), nil
}

// boundOffsets returns the offset of each bound in one partition: a time
// after the last record, like latest, is the offset after it; an offset is
// kept within the partition's first and next offsets.
func boundOffsets(ctx context.Context, k Kafka, topic string, partition int, bounds ...Bound) ([]int64, error) {
	conn, err := k.Dialer().DialLeader(ctx, "tcp", k.Brokers[0], topic, partition)
	if err != nil {
		return nil, fmt.Errorf("partition %d of %s: %w", partition, topic, k.explain(err))
	}
	defer conn.Close()
	first, last, err := conn.ReadOffsets()
	if err != nil {
		return nil, fmt.Errorf("offsets of partition %d of %s: %w", partition, topic, err)
	}
	out := make([]int64, len(bounds))
	for i, b := range bounds {
		switch b.kind {
		case boundEarliest:
			out[i] = first
		case boundLatest:
			out[i] = last
		case boundOffset:
			out[i] = min(max(b.offset, first), last)
		default:
			o, err := conn.ReadOffset(b.time)
			if err != nil {
				return nil, fmt.Errorf("offset at %s in partition %d of %s: %w", b, partition, topic, err)
			}
			if o < 0 { // no record that late
				o = last
			}
			out[i] = o
		}
	}
	return out, nil
}

// progress is a committed offset and the replay metadata with it.
type progress struct {
	offset int64
	meta   replayMeta
}

// committedProgress returns the replay progress group has committed for
// the partitions of topic; partitions without any are left out.
func committedProgress(ctx context.Context, k Kafka, group, topic string, parts []int) (map[int]progress, error) {
	fetched, err := offsetFetch(ctx, k, group, topic, parts)
	if err != nil {
		return nil, err
	}
	out := map[int]progress{}
	for p, f := range fetched {
		var m replayMeta
		if json.Unmarshal([]byte(f.Metadata), &m) != nil || m.Replay != topic {
			continue
		}
		out[p] = progress{offset: f.CommittedOffset, meta: m}
	}
	return out, nil
}

// replayCommitter commits a replay's progress as a group without members
// (a "simple" commit, generation -1), with the partition's range as
// metadata.
type replayCommitter struct {
	k      Kafka
	plan   ReplayPlan
	ranges map[int]PartitionRange
}

func (c *replayCommitter) commitOffset(ctx context.Context, partition int, next int64) error {
	r := c.ranges[partition]
	meta, _ := json.Marshal(replayMeta{Replay: c.plan.Topic, Start: r.Start, End: r.End})
	return commitSimple(ctx, c.k, c.plan.Group, c.plan.Topic, partition, next, string(meta))
}

// PartitionProgress counts what a replay has delivered of one partition.
// It is safe for concurrent use.
type PartitionProgress struct {
	Range PartitionRange // as planned

	next, records, deadLetters, skipped, bytes atomic.Int64
}

// ProgressSnapshot is a PartitionProgress at one moment.
type ProgressSnapshot struct {
	Range PartitionRange
	// Next is the offset after the last record delivered and committed.
	Next int64
	// Records cleaned and written, DeadLetters written, Skipped (outside
	// the time window), and the Bytes of the input records delivered.
	Records, DeadLetters, Skipped, Bytes int64
}

// Snapshot returns the counts so far.
func (p *PartitionProgress) Snapshot() ProgressSnapshot {
	return ProgressSnapshot{Range: p.Range, Next: p.next.Load(), Records: p.records.Load(), DeadLetters: p.deadLetters.Load(),
		Skipped: p.skipped.Load(), Bytes: p.bytes.Load()}
}

// Left returns the offsets still to process.
func (s ProgressSnapshot) Left() int64 { return max(s.Range.End-s.Next, 0) }

// delivered counts a batch that was written and committed; p may be nil.
func (p *PartitionProgress) delivered(b cleanedBatch, dlq string) {
	if p == nil {
		return
	}
	var dead, n int64
	for _, m := range b.out {
		if m.Topic == dlq {
			dead++
		}
	}
	for _, m := range b.in {
		n += int64(len(m.Value))
	}
	p.records.Add(int64(len(b.out)) - dead)
	p.deadLetters.Add(dead)
	p.skipped.Add(b.skipped)
	p.bytes.Add(n)
	p.next.Store(b.next)
}

// ErrReplayInterrupted is returned by Replay when ctx ended before the
// plan was done; what was delivered is committed, and the same plan
// resumes from there.
var ErrReplayInterrupted = errors.New("replay interrupted")

// Replay processes the plan's ranges with the runner's chain, limits and
// delivery guarantees: records are written in offset order, then their
// progress is committed for the plan's group, so an interrupted replay
// resumes without a gap. With a time window, records whose timestamps fall
// outside it are skipped (timestamps need not grow with offsets). It
// returns when every range is done, or when ctx ends (after the batches in
// flight were delivered, within DrainTimeout) with ErrReplayInterrupted.
// prog, when not nil, receives one PartitionProgress per range before the
// work starts.
func (r *Runner) Replay(ctx context.Context, plan ReplayPlan, prog func([]*PartitionProgress)) error {
	c := r.cfg
	writer := c.Kafka.Writer("", 2*c.MaxBytes, c.Compression)
	writer.BatchSize = c.BatchSize
	writer.MaxAttempts = 3
	defer closeWithin(r.log, "writer", writer.Close, 10*time.Second)
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	defer context.AfterFunc(ctx, func() { time.AfterFunc(c.DrainTimeout, stopWork) })()

	committer := &replayCommitter{k: c.Kafka, plan: plan, ranges: map[int]PartitionRange{}}
	progs := make([]*PartitionProgress, len(plan.Ranges))
	for i, rg := range plan.Ranges {
		committer.ranges[rg.Partition] = rg
		progs[i] = &PartitionProgress{Range: rg}
		progs[i].next.Store(rg.Next)
	}
	// Pin the window first: a run interrupted before its first batch
	// resumes the same ranges.
	for _, rg := range plan.Ranges {
		if err := committer.commitOffset(ctx, rg.Partition, rg.Next); err != nil {
			return fmt.Errorf("replay progress for %s: %w", plan.Group, err)
		}
	}
	if prog != nil {
		prog(progs)
	}
	keep := windowFilter(plan.Window.From, plan.Window.Until)
	var wg sync.WaitGroup
	errs := make([]error, len(plan.Ranges))
	for i, rg := range plan.Ranges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = r.replayPartition(ctx, work, writer, committer, rg, progs[i], keep)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, p := range progs {
		if s := p.Snapshot(); s.Left() > 0 {
			return ErrReplayInterrupted
		}
	}
	return nil
}

// replayPartition processes one range until it is done or ctx ends. A
// partition that stops early for a broker failure starts again from its
// last commit, after a backoff.
func (r *Runner) replayPartition(ctx, work context.Context, w *kafka.Writer, commit committer, rg PartitionRange, prog *PartitionProgress, keep func(kafka.Message) bool) error {
	log := r.log.With("topic", r.cfg.In, "partition", rg.Partition)
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		next := prog.Snapshot().Next
		if next >= rg.End {
			return nil
		}
		p := &partition{r: r, commit: commit, w: w, id: rg.Partition, next: next, end: rg.End, keep: keep, prog: prog, log: log}
		if err := p.consume(ctx, ctx, work); err != nil {
			return err
		}
		if prog.Snapshot().Next >= rg.End || ctx.Err() != nil {
			continue
		}
		log.Warn("replay of the partition stopped early; starting again from its last commit", "offset", prog.Snapshot().Next, "backoff", backoff)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
		}
		backoff = min(2*backoff, 5*time.Second)
	}
	return nil
}

// windowFilter returns the filter of records by timestamp for a window
// with time bounds, nil for one without.
func windowFilter(from, until Bound) func(kafka.Message) bool {
	if !from.IsTime() && !until.IsTime() {
		return nil
	}
	return func(m kafka.Message) bool {
		if from.IsTime() && m.Time.Before(from.time) {
			return false
		}
		return !until.IsTime() || m.Time.Before(until.time)
	}
}
