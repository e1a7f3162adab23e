//go:build tools

// Package controlplane only names the three programs scripts/kube-up builds, so that `go mod
// tidy` keeps every module they need in go.mod and go.sum.
package controlplane

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
