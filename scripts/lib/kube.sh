# The real Kubernetes control plane of targo's tests and of a developer's laptop: versions and
# where their binaries are cached. Sourced by scripts/install-kube, scripts/kube-up and
# scripts/kube-down.

# Changing one of these changes the cache folder, so a new version is built next to the old one.
# kube/controlplane/go.mod must name the same versions.
TARGO_KUBE_VERSION=v1.36.3
TARGO_ETCD_VERSION=v3.6.8

# The folder holding etcd, kube-apiserver and kube-scheduler of these versions.
targo_kube_bin_dir() {
  echo "${XDG_CACHE_HOME:-$HOME/.cache}/targo/kube-$TARGO_KUBE_VERSION-etcd-$TARGO_ETCD_VERSION"
}
