package main

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/signal"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/publish"
)

func (m *Main) publish(args []string) int {
	fs := m.newFlags("publish", "Upload a built site to S3-compatible object storage (AWS S3, Cloudflare R2, MinIO),\n"+
		"changing only what changed: assets and tiles first, pages after, manifest.txt last, then deletes.\n"+
		"Credentials come only from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and\n"+
		"AWS_SESSION_TOKEN (or MINIO_ROOT_USER and MINIO_ROOT_PASSWORD).")
	cfg := publish.Config{}
	fs.StringVar(&cfg.Dir, "dir", "public", "built site to publish (it must have manifest.txt)")
	fs.StringVar(&cfg.Bucket, "bucket", "", "bucket to publish to (required)")
	endpoint := fs.String("endpoint", "s3.amazonaws.com", "S3 endpoint host[:port], e.g. <account>.r2.cloudflarestorage.com or 127.0.0.1:9000")
	region := fs.String("region", "", "bucket region (default: found from the bucket; \"auto\" for R2)")
	fs.StringVar(&cfg.Prefix, "prefix", "", "folder of the bucket to publish into; publish owns everything under it")
	insecure := fs.Bool("insecure", false, "use plain HTTP (a local MinIO)")
	dryRun := fs.BoolP("dry-run", "n", false, "print the plan and change nothing")
	verbose := fs.BoolP("verbose", "v", false, "with --dry-run, list every key to upload or delete")
	fs.IntVar(&cfg.Workers, "workers", 4, "uploads at once")
	fs.BoolVar(&cfg.AllowDelete, "allow-delete", false, "delete however much of the bucket the plan says (default: refuse to delete more than --max-delete)")
	maxDelete := fs.Float64("max-delete", 100*publish.DefaultMaxDelete, "the most of the objects under --prefix, in percent, a publish deletes without --allow-delete")
	quiet := fs.BoolP("quiet", "q", false, "print nothing but errors")
	if code := m.parse(fs, args); code >= 0 {
		return code
	}
	if cfg.Bucket == "" {
		fs.Usage()
		return m.fail(exitUsage, "publish: --bucket is required")
	}
	if *maxDelete <= 0 || *maxDelete > 100 {
		return m.fail(exitUsage, "publish: --max-delete must be a percentage above 0 and at most 100")
	}
	cfg.MaxDelete = *maxDelete / 100
	if cfg.Workers < 1 || cfg.Workers > 64 {
		return m.fail(exitUsage, "publish: --workers must be between 1 and 64")
	}
	host, secure, err := parseEndpoint(*endpoint, *insecure)
	if err != nil {
		return m.fail(exitUsage, "publish: %v", err)
	}
	if _, err := os.Stat(cfg.Dir); err != nil {
		return m.fail(exitFail, "publish: %s is not a built site; run crimemap build first", cfg.Dir)
	}
	// Environment only: keys in flags end up in shell history and process
	// lists, and keys in files end up committed.
	creds := credentials.NewChainCredentials([]credentials.Provider{&credentials.EnvAWS{}, &credentials.EnvMinio{}})
	if v, err := creds.GetWithContext(nil); err != nil || v.AccessKeyID == "" || v.SecretAccessKey == "" {
		return m.fail(exitFail, "publish: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)")
	}
	client, err := minio.New(host, &minio.Options{Creds: creds, Secure: secure, Region: *region})
	if err != nil {
		return m.fail(exitUsage, "publish: endpoint %s: %v", *endpoint, err)
	}
	if !*quiet {
		cfg.Progress = progress.New(m.Stdout)
	}

	// Ctrl-C stops the uploads under way; the bucket then holds the previous
	// site and some new files, and a rerun completes the publish.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if ok, err := client.BucketExists(ctx, cfg.Bucket); err != nil {
		return m.fail(exitFail, "publish: bucket %s at %s: %v", cfg.Bucket, host, err)
	} else if !ok {
		return m.fail(exitFail, "publish: bucket %s does not exist at %s", cfg.Bucket, host)
	}
	plan, err := publish.NewPlan(ctx, client, cfg)
	if err != nil {
		return m.fail(exitFail, "publish: %v", err)
	}
	// The plan is printed before anything changes, and --dry-run stops
	// there; a plan that deletes too much is refused either way.
	if *dryRun || !*quiet {
		plan.Print(m.Stdout, *verbose)
	}
	if err := plan.Guard(cfg); err != nil {
		return m.fail(exitFail, "publish: %v", err)
	}
	if *dryRun {
		return exitOK
	}
	sum, err := plan.Run(ctx, client, cfg)
	if err != nil {
		return m.fail(exitFail, "publish: %v (%s)", err, sum)
	}
	if !*quiet {
		cfg.Progress.Printf("published %s to %s: %s\n", cfg.Dir, target(cfg.Bucket, cfg.Prefix), sum)
	}
	return exitOK
}

// parseEndpoint accepts host[:port] or an http(s) URL, which then decides
// plain HTTP or TLS.
func parseEndpoint(endpoint string, insecure bool) (host string, secure bool, err error) {
	if strings.Contains(endpoint, "://") {
		u, err := url.Parse(endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" {
			return "", false, errors.New("--endpoint wants host[:port] or http(s)://host[:port], got " + endpoint)
		}
		return u.Host, u.Scheme == "https" && !insecure, nil
	}
	if endpoint == "" || strings.ContainsAny(endpoint, "/ ") {
		return "", false, errors.New("--endpoint wants host[:port], got " + endpoint)
	}
	return endpoint, !insecure, nil
}

func target(bucket, prefix string) string {
	if p := strings.Trim(prefix, "/"); p != "" {
		return bucket + "/" + p + "/"
	}
	return bucket
}
