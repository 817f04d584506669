package main

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/sluice-news/sluice/pipeline"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// TestRunRetriesFailedJoin: the coordinator answers the first joins with
// "Rebalance In Progress", as it does while another member joins at the same
// moment. sluice joins again and cleans the page; it does not exit.
func TestRunRetriesFailedJoin(t *testing.T) {
	const refusals = 2
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	var refused atomic.Int32
	c.ControlKey(int16(kmsg.JoinGroup), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if refused.Load() >= refusals {
			return nil, nil, false
		}
		refused.Add(1)
		resp := req.ResponseKind().(*kmsg.JoinGroupResponse)
		resp.ErrorCode = kerr.RebalanceInProgress.Code
		return resp, nil, true
	})
	addr := c.ListenAddrs()[0]
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := pipeline.EnsureTopics(ctx, pipeline.Plain(addr), 2, "pages.raw", "pages.clean", "pages.dlq"); err != nil {
		t.Fatal(err)
	}
	clean := collect(t, addr, "pages.clean")
	p := start(t, "run", "--brokers", addr, "--http-addr", "")
	s := seeds(t)[0]
	send(t, addr, "pages.raw", kafka.Message{Key: []byte("page-1"), Value: envelope("https://example.test/1", "text/plain", s.input)})
	clean.wait(t, 1, 60*time.Second, 100*time.Millisecond)
	if n := refused.Load(); n != refusals {
		t.Errorf("%d joins refused, want %d", n, refusals)
	}
	p.waitLog(t, "joining the group failed; retrying", time.Second)
	select {
	case err := <-p.done:
		t.Fatalf("sluice exited (%v):\n%s", err, p.stderr.String())
	default:
	}
	p.stop(t, 30*time.Second)
}
