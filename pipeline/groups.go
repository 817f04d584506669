package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/segmentio/kafka-go"
)

// GroupMembers returns the ids of group's active members; none for a group
// that is empty or unknown.
func GroupMembers(ctx context.Context, k Kafka, group string) ([]string, error) {
	c := k.Client()
	resp, err := c.DescribeGroups(ctx, &kafka.DescribeGroupsRequest{GroupIDs: []string{group}})
	if err != nil {
		return nil, fmt.Errorf("describe group %s: %w", group, k.explain(err))
	}
	var ids []string
	for _, g := range resp.Groups {
		if g.Error != nil && !errors.Is(g.Error, kafka.GroupIdNotFound) {
			return nil, fmt.Errorf("describe group %s: %w", group, g.Error)
		}
		for _, m := range g.Members {
			ids = append(ids, m.MemberID)
		}
	}
	return ids, nil
}

// offsetFetch returns what group has committed for the partitions of topic:
// offset and metadata by partition; partitions without a commit are left
// out, and a group the broker does not know has committed nothing.
func offsetFetch(ctx context.Context, k Kafka, group, topic string, parts []int) (map[int]kafka.OffsetFetchPartition, error) {
	c := k.Client()
	resp, err := c.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{topic: parts}})
	if err != nil {
		return nil, fmt.Errorf("offsets of group %s: %w", group, k.explain(err))
	}
	out := map[int]kafka.OffsetFetchPartition{}
	if errors.Is(resp.Error, kafka.GroupIdNotFound) { // kfake's answer for a group never seen
		return out, nil
	}
	if resp.Error != nil {
		return nil, fmt.Errorf("offsets of group %s: %w", group, resp.Error)
	}
	for _, p := range resp.Topics[topic] {
		if p.Error != nil {
			return nil, fmt.Errorf("offset of group %s in partition %d of %s: %w", group, p.Partition, topic, p.Error)
		}
		if p.CommittedOffset >= 0 {
			out[p.Partition] = p
		}
	}
	return out, nil
}

// CommittedOffsets returns the offsets group has committed for the
// partitions of topic; partitions without a commit are left out.
func CommittedOffsets(ctx context.Context, k Kafka, group, topic string, parts []int) (map[int]int64, error) {
	fetched, err := offsetFetch(ctx, k, group, topic, parts)
	if err != nil {
		return nil, err
	}
	out := make(map[int]int64, len(fetched))
	for p, f := range fetched {
		out[p] = f.CommittedOffset
	}
	return out, nil
}

// An OffsetReset is the change of one partition's committed offset.
type OffsetReset struct {
	Partition int
	From      int64 // the offset committed before; -1 for none
	To        int64
}

// GroupActiveError is returned for a change refused because the group has
// active members: they would overwrite it with their next commit.
type GroupActiveError struct {
	Group   string
	Members []string
}

func (e *GroupActiveError) Error() string {
	return fmt.Sprintf("group %s has %d active member(s) (%s): stop them first, the change would be overwritten by their next commit",
		e.Group, len(e.Members), strings.Join(e.Members, ", "))
}

// ResetOffsets sets the committed offsets of group for every partition of
// topic to the offset of bound to, and returns the changes; with dryRun it
// only returns them. It refuses, with a *GroupActiveError, while the group
// has active members; the broker refuses the commit too if one joins in
// between.
func ResetOffsets(ctx context.Context, k Kafka, group, topic string, to Bound, dryRun bool) ([]OffsetReset, error) {
	members, err := GroupMembers(ctx, k, group)
	if err != nil {
		return nil, err
	}
	if len(members) > 0 {
		return nil, &GroupActiveError{Group: group, Members: members}
	}
	parts, err := Partitions(ctx, k, topic)
	if err != nil {
		return nil, err
	}
	committed, err := CommittedOffsets(ctx, k, group, topic, parts)
	if err != nil {
		return nil, err
	}
	var changes []OffsetReset
	var commits []kafka.OffsetCommit
	for _, p := range parts {
		o, err := boundOffsets(ctx, k, topic, p, to)
		if err != nil {
			return nil, err
		}
		from, ok := committed[p]
		if !ok {
			from = -1
		}
		changes = append(changes, OffsetReset{Partition: p, From: from, To: o[0]})
		commits = append(commits, kafka.OffsetCommit{Partition: p, Offset: o[0]})
	}
	if dryRun {
		return changes, nil
	}
	resp, err := k.Client().OffsetCommit(ctx, &kafka.OffsetCommitRequest{GroupID: group, GenerationID: -1,
		Topics: map[string][]kafka.OffsetCommit{topic: commits}})
	if err != nil {
		return nil, fmt.Errorf("commit offsets of group %s: %w", group, k.explain(err))
	}
	for _, p := range resp.Topics[topic] {
		if p.Error != nil {
			return nil, fmt.Errorf("commit offset of group %s in partition %d: %w (did a member join?)", group, p.Partition, p.Error)
		}
	}
	return changes, nil
}
