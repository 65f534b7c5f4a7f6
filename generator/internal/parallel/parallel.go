// Package parallel runs the items of a job on a fixed number of
// goroutines. Its contract: every item runs once, whatever the others
// return, and the error reported is the first by index, so it does not
// depend on scheduling.
package parallel

import "sync"

// Do runs fn(0..n-1) on up to workers goroutines and returns the first
// error by index.
func Do(workers, n int, fn func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
