/**
 * The node agent: a process that plays the kubelet of a few nodes of a real Kubernetes control
 * plane (etcd, kube-apiserver, kube-scheduler) with nothing else than the Kubernetes API, so that
 * targo's {@code kubernetes} executor is tested against the real API server and the real scheduler.
 * It registers its nodes, runs the containers of the pods the scheduler binds to them as processes
 * on this machine (with the {@code local} executor's launcher), reports their status as the kubelet
 * does, serves their logs on the kubelet's HTTPS port, and simulates node faults on request (a node
 * annotation). Threads of its own: informer callbacks, one virtual thread per pod, the heartbeat
 * and the HTTPS server; none of it runs on a Temporal thread.
 */
package dev.targo.worker.nodeagent;
