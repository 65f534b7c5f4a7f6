package main

func (m *Main) sample(args []string) int {
	return m.fail(exitFail, "sample: not yet available")
}
