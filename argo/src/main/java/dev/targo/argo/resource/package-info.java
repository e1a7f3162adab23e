/**
 * Argo's {@code resource} templates as pure rules: the manifest read as an object, the success and
 * failure conditions (Kubernetes label-selector syntax over gjson paths of the object, as Argo's
 * {@code executor/resource.go} evaluates them), and output parameters read by kubectl's JSONPath.
 *
 * <p><b>Runs:</b> Pure: the Kubernetes executor fetches the object and asks these what it means.
 */
package dev.targo.argo.resource;
