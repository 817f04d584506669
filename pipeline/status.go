package pipeline

import (
	"context"
	"time"

	"github.com/segmentio/kafka-go"
)

// PartitionStatus is where a consumer group stands in one partition.
type PartitionStatus struct {
	Partition int
	// First and End are the partition's first offset and the offset after
	// its last record; Committed is the group's offset, -1 for none.
	First, End, Committed int64
}

// Lag returns the records after the group's offset (all of them without one).
func (p PartitionStatus) Lag() int64 {
	if p.Committed < 0 {
		return p.End - p.First
	}
	return max(p.End-p.Committed, 0)
}

// TopicStatus is a topic's partitions and how many records they hold.
type TopicStatus struct {
	Topic      string
	Partitions int
	Records    int64
}

// DLQStatus counts the dead letters of a topic by class.
type DLQStatus struct {
	TopicStatus
	ByClass map[ErrorClass]int64
	Newest  time.Time // when the newest was written; zero for none
}

// Status is a pipeline at a glance: its group on the input topic, the
// output topic and the dead letters.
type Status struct {
	Group   string
	Members []string
	Input   string            // the input topic
	In      []PartitionStatus // the group on Input
	Out     TopicStatus
	DLQ     DLQStatus
}

// GetStatus returns the status of group, which consumes in and writes out
// and dlq. It reads the dead-letter topic's records present when it is
// called, to count them by class.
func GetStatus(ctx context.Context, k Kafka, group, in, out, dlq string) (Status, error) {
	s := Status{Group: group, Input: in}
	var err error
	if s.Members, err = GroupMembers(ctx, k, group); err != nil {
		return s, err
	}
	spans, err := topicSpans(ctx, k, in)
	if err != nil {
		return s, err
	}
	parts := make([]int, len(spans))
	for i, sp := range spans {
		parts[i] = sp.partition
	}
	committed, err := CommittedOffsets(ctx, k, group, in, parts)
	if err != nil {
		return s, err
	}
	for _, sp := range spans {
		c, ok := committed[sp.partition]
		if !ok {
			c = -1
		}
		s.In = append(s.In, PartitionStatus{Partition: sp.partition, First: sp.first, End: sp.end, Committed: c})
	}
	if s.Out, err = topicStatus(ctx, k, out); err != nil {
		return s, err
	}
	s.DLQ, err = dlqStatus(ctx, k, dlq)
	return s, err
}

// partitionSpan is one partition's first offset and the offset after its
// last record.
type partitionSpan struct {
	partition  int
	first, end int64
}

// topicSpans returns the span of every partition of topic.
func topicSpans(ctx context.Context, k Kafka, topic string) ([]partitionSpan, error) {
	parts, err := Partitions(ctx, k, topic)
	if err != nil {
		return nil, err
	}
	spans := make([]partitionSpan, len(parts))
	for i, p := range parts {
		o, err := boundOffsets(ctx, k, topic, p, Earliest, Latest)
		if err != nil {
			return nil, err
		}
		spans[i] = partitionSpan{partition: p, first: o[0], end: o[1]}
	}
	return spans, nil
}

// topicStatus counts the records of topic.
func topicStatus(ctx context.Context, k Kafka, topic string) (TopicStatus, error) {
	spans, err := topicSpans(ctx, k, topic)
	if err != nil {
		return TopicStatus{}, err
	}
	t := TopicStatus{Topic: topic, Partitions: len(spans)}
	for _, sp := range spans {
		t.Records += sp.end - sp.first
	}
	return t, nil
}

// dlqStatus counts the dead letters of topic by class, reading them.
func dlqStatus(ctx context.Context, k Kafka, topic string) (DLQStatus, error) {
	spans, err := topicSpans(ctx, k, topic)
	if err != nil {
		return DLQStatus{}, err
	}
	d := DLQStatus{TopicStatus: TopicStatus{Topic: topic, Partitions: len(spans)}, ByClass: map[ErrorClass]int64{}}
	for _, sp := range spans {
		d.Records += sp.end - sp.first
		err = readRange(ctx, k, topic, sp.partition, sp.first, sp.end, func(m kafka.Message) error {
			d.ByClass[ErrorClass(headerValue(m.Headers, HeaderErrorClass))]++
			if m.Time.After(d.Newest) {
				d.Newest = m.Time
			}
			return nil
		})
		if err != nil {
			return d, err
		}
	}
	return d, nil
}

// headerValue returns the value of the last header named key, "" for none.
func headerValue(hs []kafka.Header, key string) string {
	v := ""
	for _, h := range hs {
		if h.Key == key {
			v = string(h.Value)
		}
	}
	return v
}
