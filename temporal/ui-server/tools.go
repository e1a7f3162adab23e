//go:build tools

// Package uiserver only names the program scripts/install-temporal-server builds, so that `go mod
// tidy` keeps every module it needs in go.mod and go.sum.
package uiserver

import (
	_ "github.com/temporalio/ui-server/v2/cmd/server"
)
