package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/sluice-news/sluice/pipeline"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressReporter shows how a replay advances, per partition: as bars
// redrawn in place on a terminal, else as a log line every interval.
type progressReporter struct {
	w        io.Writer // the terminal, for bars; nil for log lines
	log      *slog.Logger
	interval time.Duration
	start    time.Time

	mu    sync.Mutex
	parts []*pipeline.PartitionProgress
	drawn int // lines of the last drawing, to move back over
}

// set starts reporting on parts.
func (p *progressReporter) set(parts []*pipeline.PartitionProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.parts, p.start = parts, time.Now()
}

// run reports until ctx ends, then reports once more.
func (p *progressReporter) run(ctx context.Context) {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.report()
		case <-ctx.Done():
			p.report()
			return
		}
	}
}

// report draws the bars or logs a line for each partition.
func (p *progressReporter) report() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.parts == nil {
		return
	}
	elapsed := time.Since(p.start)
	if p.w == nil {
		for _, pp := range p.parts {
			s := pp.Snapshot()
			rate := float64(s.Next-s.Range.Next) / elapsed.Seconds()
			p.log.Info("replay progress", "partition", s.Range.Partition, "offset", s.Next, "end", s.Range.End, "left", s.Left(),
				"records", s.Records, "dead_letters", s.DeadLetters, "skipped", s.Skipped, "bytes", s.Bytes,
				"records_per_s", fmt.Sprintf("%.0f", rate), "eta", eta(s.Left(), rate))
		}
		return
	}
	var b strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", p.drawn) // back to the first bar
	}
	for _, pp := range p.parts {
		s := pp.Snapshot()
		b.WriteString("\x1b[2K") // clear the line
		b.WriteString(progressLine(s, elapsed))
		b.WriteByte('\n')
	}
	p.drawn = len(p.parts)
	io.WriteString(p.w, b.String())
}

// progressBarWidth is the width of a bar in cells.
const progressBarWidth = 24

// progressLine is one partition's bar: done and to do, records, bytes,
// rate and time left.
func progressLine(s pipeline.ProgressSnapshot, elapsed time.Duration) string {
	total := s.Range.End - s.Range.Start
	done := s.Next - s.Range.Start
	frac := 1.0
	if total > 0 {
		frac = float64(done) / float64(total)
	}
	cells := int(frac * progressBarWidth)
	rate := float64(s.Next-s.Range.Next) / max(elapsed.Seconds(), 1e-3)
	bytesRate := float64(s.Bytes) / max(elapsed.Seconds(), 1e-3)
	return fmt.Sprintf("partition %-3d [%s%s] %5.1f%% %d/%d records %s %.0f rec/s %s/s ETA %s",
		s.Range.Partition, strings.Repeat("█", cells), strings.Repeat("░", progressBarWidth-cells), 100*frac,
		done, total, byteSize(s.Bytes), rate, byteSize(int64(bytesRate)), eta(s.Left(), rate))
}

// eta returns the time left for left records at rate per second, "?"
// before there is a rate.
func eta(left int64, rate float64) string {
	if left == 0 {
		return "0s"
	}
	if rate <= 0 {
		return "?"
	}
	return time.Duration(float64(left) / rate * float64(time.Second)).Round(time.Second).String()
}

// byteSize formats n bytes for people: 512 B, 3.1 kB, 12.0 MB.
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
