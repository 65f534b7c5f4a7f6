module github.com/crimemap/crimemap

go 1.26.8

require (
	github.com/paulmach/orb v0.14.0
	github.com/spf13/pflag v1.0.10
	golang.org/x/text v0.43.0
	golang.org/x/tools v0.52.0
)

require (
	github.com/gogo/protobuf v1.3.2 // indirect
	github.com/paulmach/protoscan v0.2.1 // indirect
	go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
)
