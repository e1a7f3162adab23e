"""Creates the objects of Kubernetes YAML files on an API server, as `kubectl create -f` does for
the few kinds targo's own manifests hold (deploy/). Standard library and PyYAML only, so that
scripts/kube-up needs no kubectl. An object that exists already is left as it is.

    python3 kube/apply.py --server URL --ca FILE --token-file FILE FILE...
"""

import argparse
import json
import ssl
import sys
import urllib.error
import urllib.request

import yaml

# Where each kind is created: its API path prefix, and whether it lives in a namespace.
KINDS = {
    ("v1", "Namespace"): ("/api/v1", "namespaces", False),
    ("v1", "ServiceAccount"): ("/api/v1", "serviceaccounts", True),
    ("rbac.authorization.k8s.io/v1", "Role"): ("/apis/rbac.authorization.k8s.io/v1", "roles", True),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"): ("/apis/rbac.authorization.k8s.io/v1", "rolebindings", True),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"): ("/apis/rbac.authorization.k8s.io/v1", "clusterroles", False),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"): ("/apis/rbac.authorization.k8s.io/v1", "clusterrolebindings", False),
    ("apps/v1", "Deployment"): ("/apis/apps/v1", "deployments", True),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--token-file", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    token = open(args.token_file).read().strip()
    context = ssl.create_default_context(cafile=args.ca)
    for name in args.files:
        with open(name) as f:
            for doc in yaml.safe_load_all(f):
                if doc:
                    create(args.server, token, context, name, doc)


def create(server, token, context, file, doc):
    key = (doc.get("apiVersion"), doc.get("kind"))
    if key not in KINDS:
        sys.exit(f"apply.py: {file}: no rule for {key[1]} {key[0]}; add one to KINDS")
    prefix, plural, namespaced = KINDS[key]
    meta = doc["metadata"]
    path = prefix
    if namespaced:
        path += "/namespaces/" + meta.get("namespace", "default")
    path += "/" + plural
    request = urllib.request.Request(
        server + path,
        data=json.dumps(doc).encode(),
        method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
    )
    what = f"{key[1].lower()}/{meta['name']}"
    try:
        urllib.request.urlopen(request, context=context).read()
        print(f"{what} created")
    except urllib.error.HTTPError as e:
        if e.code == 409:
            print(f"{what} exists")
            return
        body = e.read().decode(errors="replace")
        try:
            body = json.loads(body).get("message", body)
        except ValueError:
            pass
        sys.exit(f"apply.py: {file}: {what}: {e.code} {body}")


if __name__ == "__main__":
    main()
