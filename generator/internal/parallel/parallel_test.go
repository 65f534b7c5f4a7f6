package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

// TestDo checks that every item runs once on at most the given workers,
// and that the error is the lowest index's whichever fails first.
func TestDo(t *testing.T) {
	var ran [100]atomic.Int32
	var running, most atomic.Int32
	err := Do(3, len(ran), func(i int) error {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		defer running.Add(-1)
		ran[i].Add(1)
		if i == 70 || i == 30 {
			return fmt.Errorf("item %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "item 30" {
		t.Errorf("error %v, want item 30's", err)
	}
	for i := range ran {
		if ran[i].Load() != 1 {
			t.Fatalf("item %d ran %d times", i, ran[i].Load())
		}
	}
	if most.Load() > 3 || most.Load() < 1 {
		t.Errorf("%d at once, want at most 3", most.Load())
	}
	if err := Do(4, 0, func(int) error { return errors.New("never") }); err != nil {
		t.Errorf("no items: %v", err)
	}
}
