/**
 * Artifacts on an S3-compatible object store: the artifact repository (Argo's {@code
 * artifactRepository}, with credentials resolved in the worker only), the S3 client, archives (tar
 * and gzip, zip), and the staging of a pod's inputs and outputs. Activity threads and worker
 * process; never the workflow thread. Bytes are streamed between files and the store: artifact
 * references (bucket, key) travel through workflow history, never artifact bytes.
 */
package dev.targo.worker.artifact;
