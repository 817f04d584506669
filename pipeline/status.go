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
	parts, err := Partitions(ctx, k, in)
	if err != nil {
		return s, err
	}
	committed, err := CommittedOffsets(ctx, k, group, in, parts)
	if err != nil {
		return s, err
	}
	for _, p := range parts {
		o, err := boundOffsets(ctx, k, in, p, Earliest, Latest)
		if err != nil {
			return s, err
		}
		c, ok := committed[p]
		if !ok {
			c = -1
		}
		s.In = append(s.In, PartitionStatus{Partition: p, First: o[0], End: o[1], Committed: c})
	}
	if s.Out, err = topicStatus(ctx, k, out); err != nil {
		return s, err
	}
	s.DLQ, err = dlqStatus(ctx, k, dlq)
	return s, err
}

// topicStatus counts the records of topic.
func topicStatus(ctx context.Context, k Kafka, topic string) (TopicStatus, error) {
	parts, err := Partitions(ctx, k, topic)
	if err != nil {
		return TopicStatus{}, err
	}
	t := TopicStatus{Topic: topic, Partitions: len(parts)}
	for _, p := range parts {
		o, err := boundOffsets(ctx, k, topic, p, Earliest, Latest)
		if err != nil {
			return t, err
		}
		t.Records += o[1] - o[0]
	}
	return t, nil
}

// dlqStatus counts the dead letters of topic by class, reading them.
func dlqStatus(ctx context.Context, k Kafka, topic string) (DLQStatus, error) {
	parts, err := Partitions(ctx, k, topic)
	if err != nil {
		return DLQStatus{}, err
	}
	d := DLQStatus{TopicStatus: TopicStatus{Topic: topic, Partitions: len(parts)}, ByClass: map[ErrorClass]int64{}}
	for _, p := range parts {
		o, err := boundOffsets(ctx, k, topic, p, Earliest, Latest)
		if err != nil {
			return d, err
		}
		d.Records += o[1] - o[0]
		if o[0] >= o[1] {
			continue
		}
		err = readRange(ctx, k, topic, p, o[0], o[1], func(m kafka.Message) error {
			d.ByClass[readDeadLetter(m).class]++
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
