package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/crimemap/crimemap/generator/hosting"
)

func (m *Main) serve(args []string) int {
	fs := m.newFlags("serve", "Preview a built site locally, under the headers of its _headers file and the rewrites of\n"+
		"its _redirects file, as Netlify applies them. Not for production: a CDN serves the real site.")
	dir := fs.String("dir", "public", "site folder to serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if code := m.parse(fs, args); code >= 0 {
		return code
	}
	if info, err := os.Stat(*dir); err != nil || !info.IsDir() {
		return m.fail(exitFail, "serve: %s is not a built site; run crimemap build first", *dir)
	}
	// A broken _headers or _redirects file would fail every request; say
	// so at once.
	if _, err := hosting.LoadRules(*dir); err != nil {
		return m.fail(exitFail, "serve: %v", err)
	}
	if _, err := hosting.LoadRewrites(*dir); err != nil {
		return m.fail(exitFail, "serve: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return m.fail(exitFail, "serve: %v", err)
	}
	srv := &http.Server{Handler: hosting.Handler(*dir), ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String() + "/"
	m.printf("Serving %s at %s (Ctrl-C to stop)\n", *dir, url)
	if m.serveReady != nil {
		m.serveReady <- url
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	defer signal.Stop(stop)
	go func() {
		select {
		case <-stop:
		case <-m.serveStop:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return m.fail(exitFail, "serve: %v", err)
	}
	return exitOK
}
